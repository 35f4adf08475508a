/**
 * Records on the pipeline are modelled the way ConvertFrom-Json returns them: PSCustomObjects whose
 * properties keep their order and are looked up case-insensitively. A `PSTypeName` property names
 * the object's type.
 */

/** The property that carries an object's type name in NDJSON. */
export const TYPE_NAME_PROPERTY = 'PSTypeName';

/** A record with named properties. */
export type PSObject = Record<string, unknown>;

/**
 * True for a JSON object (not null, not an array).
 * @param value any pipeline value
 * @returns whether it has properties
 */
export function isPSObject(value: unknown): value is PSObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A property found by {@link findProperty}. */
export interface FoundProperty {
  /** The property name as the record spells it. */
  name: string;
  value: unknown;
}

/**
 * Looks a property up case-insensitively; an exact match wins over a case-folded one.
 * @param record the object to search
 * @param name the property name
 * @returns the property, or undefined when the record has none of that name
 */
export function findProperty(record: PSObject, name: string): FoundProperty | undefined {
  if (Object.hasOwn(record, name)) return { name, value: record[name] };
  const folded = name.toLowerCase();
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() === folded) return { name: key, value: record[key] };
  }
  return undefined;
}

/**
 * The type name of a pipeline value: the `PSTypeName` of an object, else a .NET-like name.
 * @param value any pipeline value
 * @returns the type name
 */
export function typeNameOf(value: unknown): string {
  if (isPSObject(value)) {
    const name = value[TYPE_NAME_PROPERTY];
    return typeof name === 'string' && name !== '' ? name : 'System.Management.Automation.PSCustomObject';
  }
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return 'System.String';
  if (typeof value === 'number') return Number.isInteger(value) ? 'System.Int64' : 'System.Double';
  if (typeof value === 'boolean') return 'System.Boolean';
  if (Array.isArray(value)) return 'System.Object[]';
  return typeof value;
}
