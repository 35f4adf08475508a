/**
 * Records keep their property order, as PowerShell objects do. A JavaScript object lists integer-like
 * keys ("2", "10") first whatever the order they were made in, so a record that has one carries its
 * true order under a symbol; every other record is a plain object and costs nothing extra.
 * Code that lists or builds a record's properties goes through here, never through Object.keys; a
 * record that wraps others (Group-Object's) is built with recordFromEntries so it knows what it holds.
 */

/** The true property order of a record that has integer-like keys. */
const KEY_ORDER: unique symbol = Symbol('cspin.keyOrder');

/** Set on a value that holds, at any depth, a record with {@link KEY_ORDER}: the writer then serializes it itself. */
const HOLDS_ORDER: unique symbol = Symbol('cspin.holdsOrder');

type Ordered = Record<string, unknown> & { [KEY_ORDER]?: string[]; [HOLDS_ORDER]?: true };

const INTEGER_LIKE = /^(?:0|[1-9]\d{0,8}|[1-3]\d{9}|4[01]\d{8}|42[0-8]\d{7}|429[0-3]\d{6}|4294[0-8]\d{5}|42949[0-5]\d{4}|429496[0-6]\d{3}|4294967[01]\d{2}|42949672[0-8]\d|429496729[0-4])$/;

/**
 * Whether JavaScript moves a key to the front of an object: an array index (0 … 2^32 − 2).
 * @param key a property name
 * @returns true for integer-like names
 */
export function isIntegerLikeKey(key: string): boolean {
  const first = key.charCodeAt(0);
  return first >= 0x30 && first <= 0x39 && INTEGER_LIKE.test(key);
}

/**
 * A record's property names in their true order.
 * @param record a record
 * @returns the names, in order
 */
export function propertyNames(record: object): string[] {
  const order = (record as Ordered)[KEY_ORDER];
  if (!order) return Object.keys(record);
  const keys = Object.keys(record);
  if (keys.length === order.length && order.every((name) => Object.prototype.hasOwnProperty.call(record, name))) return order.slice();
  // Properties were added or deleted since the order was taken: keep the known order, new ones last.
  const known = new Set(order);
  return [...order.filter((name) => Object.prototype.hasOwnProperty.call(record, name)), ...keys.filter((name) => !known.has(name))];
}

/**
 * A record's properties in their true order.
 * @param record a record
 * @returns [name, value] pairs, in order
 */
export function recordEntries(record: object): [string, unknown][] {
  if (!(record as Ordered)[KEY_ORDER]) return Object.entries(record);
  return propertyNames(record).map((name) => [name, (record as Record<string, unknown>)[name]]);
}

/**
 * Builds a record whose properties come in the given order, whatever their names.
 * A later entry with the same name replaces the value and keeps the first position.
 * @param entries [name, value] pairs, in order
 * @returns the record
 */
export function recordFromEntries(entries: Iterable<readonly [string, unknown]>): Record<string, unknown> {
  const record: Ordered = {};
  let order: string[] | undefined;
  let holds = false;
  let names: string[] | undefined;
  for (const [name, value] of entries) {
    if (!Object.prototype.hasOwnProperty.call(record, name)) {
      (names ??= []).push(name);
      if (!order && isIntegerLikeKey(name)) order = names;
    }
    record[name] = value;
    if (!holds && (holdsOrder(value) || (Array.isArray(value) && value.some(holdsOrder)))) holds = true;
  }
  if (order) setOrder(record, order);
  if (holds || order) markHoldsOrder(record);
  return record;
}

/**
 * Marks an array of records as holding order when any element does (Group-Object's Group, say),
 * so that a record built around it keeps its elements' order.
 * @param values records and other values
 * @returns the same array
 */
export function orderedArray<T>(values: T[]): T[] {
  if (values.some(holdsOrder)) markHoldsOrder(values);
  return values;
}

/**
 * Gives a parsed record its true order (the order its keys have in the text).
 * @param record the record
 * @param order its keys, in order
 */
export function setOrder(record: object, order: string[]): void {
  Object.defineProperty(record, KEY_ORDER, { value: order, enumerable: false, writable: true, configurable: true });
}

/**
 * Marks a value as holding an ordered record somewhere inside, so the writer serializes it with
 * {@link stringifyRecord} instead of JSON.stringify.
 * @param value an object or array
 */
export function markHoldsOrder(value: object): void {
  Object.defineProperty(value, HOLDS_ORDER, { value: true, enumerable: false, writable: true, configurable: true });
}

/**
 * Whether a value needs {@link stringifyRecord} to keep its order.
 * @param value any value
 * @returns true when it holds an ordered record
 */
export function holdsOrder(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Ordered)[HOLDS_ORDER] === true;
}

/**
 * A value as compact JSON, records in their true order; the same text JSON.stringify gives for any
 * value without integer-like keys (toJSON is honoured, undefined members are left out).
 * @param value any JSON-able value
 * @returns the JSON text
 */
export function stringifyRecord(value: unknown): string {
  // A top-level array (a batch of output) is not marked; its elements may be.
  if (Array.isArray(value) && !holdsOrder(value) && value.some(holdsOrder)) markHoldsOrder(value);
  if (!holdsOrder(value)) return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((element) => (element === undefined || typeof element === 'function' ? 'null' : stringifyRecord(element))).join(',')}]`;
  const parts: string[] = [];
  for (const [name, member] of recordEntries(value as object)) {
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    parts.push(`${JSON.stringify(name)}:${stringifyRecord(member)}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * Gives a parsed JSON value's records their order in the text, when any has an integer-like key.
 * @param value what JSON.parse made of the text
 * @param objects each object's keys as the text has them (folded → as written), objects in the order they open
 */
export function restoreKeyOrder(value: unknown, objects: readonly Map<string, string>[]): void {
  if (!objects.some((keys) => [...keys.values()].some(isIntegerLikeKey))) return;
  let next = 0;
  const walk = (node: unknown): boolean => {
    if (typeof node !== 'object' || node === null) return false;
    let holds = false;
    if (Array.isArray(node)) {
      for (const element of node) if (walk(element)) holds = true;
    } else {
      const order = [...(objects[next++]?.values() ?? [])];
      if (order.some(isIntegerLikeKey)) {
        setOrder(node, order);
        holds = true;
      }
      for (const name of order) if (walk((node as Record<string, unknown>)[name])) holds = true;
    }
    if (holds) markHoldsOrder(node);
    return holds;
  };
  walk(value);
}
