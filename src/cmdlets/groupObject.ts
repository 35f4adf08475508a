import { JsonText, SwitchType, TerminatingError, defineCmdlet, echo, stringifyRecord, usageError, type CmdletContext } from '../core/index.js';
import { TextValue, toText, typeTagOf } from '../core/objectCompare.js';
import { PSObjectType } from '../core/objectType.js';
import { GROUP_INFO, GROUP_INFO_NO_ELEMENT } from '../core/format/typeViews.js';
import { PropertyListType } from '../core/propertyType.js';
import { cmdletMessages } from './messages.js';
import { MISSING, encodeKeys, keyComparer, keySpecs, rawKey, readKeys, type KeySpec, type KeyValue } from './orderKeys.js';
import { ALL_USERS, NO_PIN, pinInfo, type Logon } from './sampleObjects.js';

/** The PSTypeName of the output: GroupInfo, or GroupInfoNoElement with -NoElement (as in PowerShell). */
const group = (noElement: boolean) => ({ PSTypeName: noElement ? GROUP_INFO_NO_ELEMENT : GROUP_INFO });

// The sample's users with a PIN, in directory order, and the three whose PIN is locked (samples/litwareinc-pins.csv).
const WITH_PIN = ALL_USERS.filter((u) => !NO_PIN.includes(u));
const LOCKED: readonly Logon[] = ['pilar', 'wendyr', 'yanli'];

/** The objects of one key as it was spelled (groups that compare equal are merged at the end). */
interface Group {
  /** The keys of its first object in sorted order (an existing $null before a missing property). */
  keys: KeyValue[];
  /** The key values as they came, for Values and the hashtable keys. */
  readonly raw: unknown[];
  /** Input position of the first object. */
  readonly first: number;
  count: number;
  /** The objects' JSON and input positions (and which keys they lack); none with -NoElement. */
  elements: Element[];
}

interface Element {
  readonly i: number;
  readonly t: string;
  /** One character per key, 1 where the object lacks the property: it sorts after an existing $null. */
  readonly m?: string;
}

interface State {
  readonly specs: readonly KeySpec[];
  readonly caseSensitive: boolean;
  readonly noElement: boolean;
  readonly asHashTable: boolean;
  readonly asString: boolean;
  expanded?: KeySpec[];
  readonly groups: Group[];
  readonly byKey: Map<string, Group>;
  /** The .NET type of each key so far; PowerShell sorts the groups only when every key keeps one type. */
  types?: (string | undefined)[];
  mixedTypes: boolean;
  /** Whether an object key was seen: PowerShell cannot compare two of them (PSObjectCompareTo). */
  objectKey: boolean;
  index: number;
}


export default defineCmdlet({
  name: 'Group-Object',
  synopsis: 'Groups objects that contain the same value for specified properties.',
  description:
    "Writes one GroupInfo object per distinct value of the properties: Count, Name (the values' ToString(): True/False, a date as 9/25/2012 1:35:03 PM, several values joined by \", \"), Group (the objects, in input order) and Values (the key values). Values compare as Sort-Object compares them: case-insensitively unless -CaseSensitive. As in PowerShell 7, the groups come out sorted by their key when every key has one type, else in the order their first object came.",
  parameters: {
    Property: { type: PropertyListType, position: 0, description: 'The properties to group by, a comma list of names, script blocks or @{Expression=...} hashtables (no wildcards, as in PowerShell). Without it the objects themselves are grouped.' },
    NoElement: { type: SwitchType, description: 'Leaves the objects out of the groups (Group is empty): only a count per group is held, so any number of objects streams in constant memory.' },
    AsHashTable: { type: SwitchType, aliases: ['AHT'], description: 'Writes one object whose properties are the key values and whose values are the groups.' },
    AsString: { type: SwitchType, description: 'With -AsHashTable: the keys are the group names (needed with several properties).' },
    CaseSensitive: { type: SwitchType, description: 'Strings that differ only in case make different groups.' },
    InputObject: { type: PSObjectType, mandatory: true, valueFromPipeline: true, allowNull: true, allowEmptyString: true, description: 'The objects to group: each pipeline record. $null records are dropped, as in PowerShell.' },
  },
  holds: {
    what: 'every input object (its JSON text) until the end, in its group; with -NoElement only one count per distinct key',
    budget: 16 * 1024 * 1024,
    wayOut: cmdletMessages.MemoryBudgetExceeded.groupObject,
  },
  inputTypes: ['Any object, string or number, one per NDJSON line.'],
  outputType: 'Microsoft.PowerShell.Commands.GroupInfo objects {Count, Name, Group, Values} (GroupInfoNoElement with -NoElement), or one hashtable object with -AsHashTable.',
  notes: [
    'Group-Object holds every object until the end unless -NoElement: past its memory budget it stops with MemoryBudgetExceeded (use -NoElement for counts).',
    "cspin deviations: a script block key uses Where-Object's expression language; -Culture is not supported (always en-US).",
  ],
  examples: [
    {
      title: 'How many users have a PIN',
      code: 'Get-CsUser | Get-CsClientPinInfo | Group-Object IsPinSet -NoElement',
      remarks: 'One group per value of IsPinSet, False before True (groups are sorted by key); -NoElement holds only the counts.',
      expect: {
        objects: [
          { ...group(true), Count: 10, Name: 'False', Group: [], Values: [false] },
          { ...group(true), Count: 14, Name: 'True', Group: [], Values: [true] },
        ],
      },
    },
    {
      title: 'Locked PINs with their users',
      code: 'Get-CsUser | Get-CsClientPinInfo | Where-Object IsPinSet | Group-Object IsLockedOut',
      remarks: 'Each group holds its PinInfoDetails objects in input order; Name is the ToString() of the key.',
      expect: {
        objects: [
          { ...group(false), Count: 11, Name: 'False', Group: WITH_PIN.filter((u) => !LOCKED.includes(u)).map((u) => pinInfo(u)), Values: [false] },
          { ...group(false), Count: 3, Name: 'True', Group: WITH_PIN.filter((u) => LOCKED.includes(u)).map((u) => pinInfo(u)), Values: [true] },
        ],
      },
    },
    {
      title: 'Group by two properties',
      code: `printf '%s\\n' '{"a":"x","b":1}' '{"a":"X","b":1}' '{"a":"y","b":2}' | Group-Object a,b -NoElement`,
      remarks: 'Names join the values with ", "; "x" and "X" are one group unless -CaseSensitive.',
      expect: {
        objects: [
          { ...group(true), Count: 2, Name: 'x, 1', Group: [], Values: ['x', 1] },
          { ...group(true), Count: 1, Name: 'y, 2', Group: [], Values: ['y', 2] },
        ],
      },
    },
  ],

  begin(params): State {
    if (params.AsString && !params.AsHashTable) {
      throw usageError('ArgumentException', cmdletMessages.ArgumentException.asStringWithoutHashTable, 'AsString');
    }
    return {
      specs: keySpecs(params.Property, false),
      caseSensitive: params.CaseSensitive === true,
      noElement: params.NoElement === true,
      asHashTable: params.AsHashTable === true,
      asString: params.AsString === true,
      groups: [],
      byKey: new Map(),
      mixedTypes: false,
      objectKey: false,
      index: 0,
    };
  },

  *process(records, state, context) {
    for (const { params } of records) {
      const input: unknown = params.InputObject;
      if (input === null || input === undefined) continue;
      if (!state.expanded) {
        const wildcard = state.specs.find((spec) => spec.name !== undefined && /[*?[]/.test(spec.name));
        if (wildcard) {
          throw new TerminatingError({ errorId: 'ExpressionGlobbing2', category: 'InvalidArgument', message: cmdletMessages.ExpressionGlobbing2(wildcard.name ?? ''), target: echo(wildcard.name ?? '') });
        }
        state.expanded = [...state.specs];
        if (state.asHashTable && !state.asString && state.expanded.length > 1) {
          throw usageError('ArgumentException', cmdletMessages.ArgumentException.hashTableOfSeveral, 'Property');
        }
      }
      add(state, input, context);
    }
    yield* [];
  },

  *end(state) {
    const groups = finalGroups(state);
    if (groups.length === 0) return;
    if (state.asHashTable) {
      const members = groups.map((g) => `${JSON.stringify(state.asString ? nameOf(g.raw) : toText(g.raw[0]))}:[${g.elements.map((e) => e.t).join(',')}]`);
      yield new JsonText(`{${members.join(',')}}`);
      return;
    }
    for (const g of groups) {
      yield new JsonText(`{"PSTypeName":"${state.noElement ? GROUP_INFO_NO_ELEMENT : GROUP_INFO}","Count":${g.count},"Name":${JSON.stringify(nameOf(g.raw))},"Group":[${g.elements.map((e) => e.t).join(',')}],"Values":${stringifyRecord(g.raw)}}`);
      g.elements = [];
    }
  },
});

function add(state: State, input: unknown, context: CmdletContext): void {
  const specs = state.expanded ?? [];
  const keys = readKeys(input, specs);
  checkObjectKeys(state, keys);
  const id = exactKey(keys, state.caseSensitive);
  const missing = keys.includes(undefined) ? keys.map((k) => (k === undefined ? '1' : '0')).join('') : undefined;
  let group = state.byKey.get(id);
  if (group && (missing !== undefined || keys.includes(null)) && keyComparer(keys.map(() => true), false)(keys, group.keys) < 0) group.keys = keys;
  if (!group) {
    const raw = specs.length === 0 ? [input] : specs.map((s) => {
      const value = rawKey(input, s);
      return value === MISSING ? null : value;
    });
    group = { keys, raw, first: state.index, count: 0, elements: [] };
    context.memory.hold(160 + id.length);
    state.byKey.set(id, group);
    state.groups.push(group);
    noteTypes(state, keys);
  }
  group.count++;
  if (!state.noElement) {
    const t = stringifyRecord(input);
    context.memory.hold(80 + t.length);
    group.elements.push(missing === undefined ? { i: state.index, t } : { i: state.index, t, m: missing });
  }
  state.index++;
}

/**
 * A key that is the same for values PowerShell's hashtable finds equal: strings folded unless
 * -CaseSensitive, and a missing property the same as $null (both have the value $null there).
 */
function exactKey(keys: readonly KeyValue[], caseSensitive: boolean): string {
  // Arrays are equal there when their ToString() is: always System.Object[].
  const folded = keys.map((k) => (k === undefined ? null : typeof k === 'string' && !caseSensitive ? k.toLowerCase() : k instanceof TextValue && !k.object ? 'System.Object[]' : k));
  const encoded = encodeKeys(folded);
  return keys.map((k) => (typeof k === 'number' ? (Number.isInteger(k) ? 'i' : 'd') : '')).join('') + encoded;
}

/** PowerShell compares object keys through PSObject.CompareTo, which fails for any two of them. */
function checkObjectKeys(state: State, keys: readonly KeyValue[]): void {
  const object = keys.find((k) => k instanceof TextValue && k.object);
  if (!object && !state.objectKey) return;
  if (state.index > 0 && (state.objectKey || object)) {
    throw new TerminatingError({
      errorId: 'PSObjectCompareTo',
      category: 'InvalidOperation',
      message: cmdletMessages.PSObjectCompareTo,
    });
  }
  state.objectKey = true;
}

function noteTypes(state: State, keys: readonly KeyValue[]): void {
  if (state.mixedTypes) return;
  const tags = keys.map((k) => (k === undefined ? undefined : typeTagOf(k)));
  if (!state.types) {
    state.types = tags;
    return;
  }
  tags.forEach((tag, n) => {
    const known = state.types?.[n];
    if (tag === undefined || tag === known) return;
    if (known === undefined && state.types) state.types[n] = tag;
    else state.mixedTypes = true;
  });
}

/**
 * The groups PowerShell writes: with one type per key, sorted by key (stable) and equal neighbours
 * merged; with mixed types, in order of appearance, each joining the first earlier group it equals.
 */
function finalGroups(state: State): Group[] {
  const compareKeys = keyComparer(state.expanded?.length ? state.expanded.map(() => true) : [true], state.caseSensitive);
  const out: Group[] = [];
  if (!state.mixedTypes) {
    const sorted = [...state.groups].sort((a, b) => compareKeys(a.keys, b.keys) || a.first - b.first);
    for (const g of sorted) {
      const last = out[out.length - 1];
      if (last && compareKeys(last.keys, g.keys) === 0) merge(last, g);
      else out.push(g);
    }
    // Sorted stably, a group lists an existing $null before a missing property, else input order.
    for (const g of out) if (g.elements.some((e) => e.m !== undefined)) g.elements.sort((a, b) => (a.m ?? '') < (b.m ?? '') ? -1 : (a.m ?? '') > (b.m ?? '') ? 1 : a.i - b.i);
    return out;
  }
  for (const g of state.groups) {
    const into = out.find((o) => compareKeys(o.keys, g.keys) === 0);
    if (into) merge(into, g);
    else out.push(g);
  }
  return out;
}

function merge(into: Group, other: Group): void {
  into.count += other.count;
  into.elements = [...into.elements, ...other.elements].sort((a, b) => a.i - b.i);
}

/** GroupInfo.Name: the values' ToString() joined by ", ", nulls left out, a collection as {a, b}. */
function nameOf(raw: readonly unknown[]): string {
  return raw
    .filter((v) => v !== null && v !== undefined)
    .map((v) => (Array.isArray(v) ? `{${v.map((item) => (item === null ? '' : toText(item))).join(', ')}}` : toText(v)))
    .join(', ');
}
