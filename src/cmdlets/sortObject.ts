import { Int32Type, JsonText, SwitchType, defineCmdlet, stringifyRecord, type CmdletContext } from '../core/index.js';
import { introSort } from '../core/introSort.js';
import { DateValue } from '../core/objectCompare.js';
import { PSObjectType } from '../core/objectType.js';
import { PropertyListType } from '../core/propertyType.js';
import { expandSpecs, keyComparer, keySpecs, readKeys, type KeySpec, type KeyValue } from './orderKeys.js';
import { Spill, type Entry } from './sortRuns.js';
import { pinInfo } from './sampleObjects.js';
import { cmdletMessages } from './messages.js';

interface State {
  readonly specs: readonly KeySpec[];
  readonly descending: boolean;
  readonly caseSensitive: boolean;
  readonly unique: boolean;
  readonly stable: boolean;
  /** -Top n or -Bottom n: only n objects are held. */
  readonly bound?: { n: number; top: boolean };
  expanded?: KeySpec[];
  compare?: (a: Entry, b: Entry) => number;
  run: Entry[];
  index: number;
  spill?: Spill;
}

const pin = (logon: string, set: boolean, locked: boolean, changed: string | null) => ({
  PSTypeName: 'Microsoft.Rtc.Management.UserPinService.PinInfoDetails',
  Identity: `sip:${logon}@litwareinc.com`,
  IsPinSet: set,
  IsLockedOut: locked,
  LastPinChangeTime: changed,
  PinExpirationTime: null,
});
const KEN = pin('kenmyer', true, false, '2012-09-25T13:35:03.000Z');
const PILAR = pin('pilar', true, true, '2012-08-14T09:12:40.000Z');

export default defineCmdlet({
  name: 'Sort-Object',
  synopsis: 'Sorts objects by property values.',
  description:
    "Sorts the input objects by the values of one or more properties (or by the objects themselves when no property is given), as PowerShell 7 does: strings in the en-US culture's order, case-insensitively unless -CaseSensitive; numbers as numbers; dates (ISO 8601 text in NDJSON) as dates; $null after negative numbers and before zero and everything else; an object without the property after all others, in either direction. Several properties sort by the first, then the next. Objects come out unchanged.",
  parameters: {
    Property: {
      type: PropertyListType,
      position: 0,
      description: "The properties to sort by, a comma list (LastName,FirstName) of names (wildcards match the first object's property names), script blocks ('{$_.Name}') or order entries ('@{Expression='Name'; Descending=$true}'). Without it the objects themselves are compared.",
    },
    Descending: { type: SwitchType, description: 'Sorts in descending order (an object without the property still comes last).' },
    Unique: { type: SwitchType, description: 'Keeps only the first of objects whose sort keys are equal (case-insensitively unless -CaseSensitive).' },
    Stable: { type: SwitchType, description: 'Objects with equal keys keep their input order.' },
    Top: { type: Int32Type, validateRange: [1, 2147483647], description: 'Writes only the first n objects of the sorted output; holds only n objects. Equal keys keep their input order.' },
    Bottom: { type: Int32Type, validateRange: [1, 2147483647], description: 'Writes only the last n objects of the sorted output; holds only n objects. Equal keys keep their input order.' },
    CaseSensitive: { type: SwitchType, description: 'Compares strings case-sensitively (lower case first, as .NET does in en-US).' },
    InputObject: { type: PSObjectType, mandatory: true, valueFromPipeline: true, allowNull: true, allowEmptyString: true, description: 'The objects to sort: each pipeline record. $null records are dropped, as in PowerShell.' },
  },
  mutuallyExclusive: [['Stable', 'Top', 'Bottom']],
  holds: {
    what: 'the input objects (their JSON text and sort keys), one budget at a time: each full run is sorted and written to a temporary file in a private folder under TMPDIR, the end merges the files, and the folder is removed on every exit, so any number of objects sorts in bounded memory; with -Top or -Bottom only n objects',
    budget: 16 * 1024 * 1024,
    wayOut: cmdletMessages.MemoryBudgetExceeded.sortObject,
  },
  inputTypes: ['Any object, string or number, one per NDJSON line.'],
  outputType: 'The input objects, unchanged, in sorted order.',
  notes: [
    "Without -Stable, PowerShell sorts with .NET's unstable introsort and cspin runs the same algorithm step by step, so objects with equal keys come out in PowerShell's order. Past the memory budget (spilled runs), equal keys keep their input order instead.",
    "cspin deviations: a script block key uses Where-Object's expression language; a wildcard expands against the first object's properties (PowerShell: all objects'); -Culture is not supported (always en-US).",
  ],
  examples: [
    {
      title: 'Finance PINs, oldest change first',
      code: 'Get-CsUser -LdapFilter "Department=Finance" | Get-CsClientPinInfo | Sort-Object LastPinChangeTime',
      remarks: 'Dates sort as dates: Pilar changed her PIN in August 2012, Ken in September 2012.',
      expect: { objects: [PILAR, KEN] },
    },
    {
      title: 'Newest PIN change first',
      code: 'Get-CsUser -LdapFilter "Department=Finance" | Get-CsClientPinInfo | Sort-Object LastPinChangeTime -Descending',
      remarks: '-Descending reverses the order.',
      expect: { objects: [KEN, PILAR] },
    },
    {
      title: 'The three oldest PIN changes',
      code: 'Get-CsUser | Get-CsClientPinInfo | Where-Object IsPinSet | Sort-Object LastPinChangeTime -Top 3',
      remarks: '-Top holds only three objects however long the input.',
      expect: { objects: [pinInfo('pilar'), pinInfo('kenmyer'), pinInfo('markh')] },
    },
    {
      title: 'Numbers, nulls and unique values',
      code: "printf '8\\nnull\\n-2\\n1\\n8\\n' | Sort-Object -Unique",
      remarks: 'Numbers sort as numbers; duplicates go with -Unique; a $null record is dropped, as PowerShell drops $null pipeline input.',
      expect: { stdout: '-2\n1\n8\n' },
    },
  ],

  begin(params): State {
    return {
      specs: keySpecs(params.Property, true),
      descending: params.Descending === true,
      caseSensitive: params.CaseSensitive === true,
      unique: params.Unique === true,
      stable: params.Stable === true,
      bound: params.Top !== undefined ? { n: params.Top, top: true } : params.Bottom !== undefined ? { n: params.Bottom, top: false } : undefined,
      run: [],
      index: 0,
    };
  },

  *process(records, state, context) {
    for (const { params } of records) {
      const input: unknown = params.InputObject;
      if (input === null || input === undefined) continue;
      state.compare ??= comparerFor(state, input);
      const k = readKeys(input, expanded(state, input));
      const entry: Entry = { k, t: stringifyRecord(input), i: state.index++, f: 0 };
      if (state.bound) keepBounded(state, entry, context);
      else hold(state, entry, context);
    }
    yield* [];
  },

  *end(state, context) {
    const compare = state.compare;
    if (!compare) return;
    let sorted: Iterable<Entry>;
    if (state.bound) sorted = state.run;
    else if (state.spill) {
      state.run.sort(runComparer(state, compare));
      sorted = state.spill.merge(state.run, compare);
    } else {
      if (state.stable) state.run.sort(runComparer(state, compare));
      else introSort(state.run, runComparer(state, compare));
      sorted = state.run;
    }
    let last: Entry | undefined;
    for (const e of sorted) {
      if (state.unique && !state.bound && last && compare(last, e) === 0) continue;
      last = e;
      yield new JsonText(e.t);
    }
    context.memory.release(context.memory.held);
  },

  clean(state) {
    state.spill?.remove();
  },
});

/** The key specs, wildcards expanded against the first object. */
function expanded(state: State, first: unknown): KeySpec[] {
  state.expanded ??= expandSpecs(state.specs, first);
  return state.expanded;
}

function comparerFor(state: State, first: unknown): (a: Entry, b: Entry) => number {
  const specs = expanded(state, first);
  const ascending = specs.length === 0 ? [!state.descending] : specs.map((s) => s.ascending ?? !state.descending);
  const keys = keyComparer(ascending, state.caseSensitive);
  return (a, b) => keys(a.k, b.k);
}

/** Approximate heap bytes of an entry: its text, its keys and the objects around them. */
function sizeOf(entry: Entry): number {
  let size = 80 + entry.t.length;
  for (const k of entry.k as KeyValue[]) size += typeof k === 'string' ? 24 + k.length : 24;
  return size;
}

/** Holds an entry of a full sort, writing the run out first when the entry would pass the budget. */
function hold(state: State, entry: Entry, context: CmdletContext): void {
  const size = sizeOf(entry);
  if (context.memory.wouldExceed(size) && state.run.length > 0) {
    const compare = state.compare as (a: Entry, b: Entry) => number;
    state.spill ??= new Spill();
    state.spill.write(state.run.sort(runComparer(state, compare)));
    state.run = [];
    context.memory.release(context.memory.held);
  }
  context.memory.hold(size);
  state.run.push(entry);
}

/**
 * -Top/-Bottom: keeps the n first (last) entries of the stable sort, in order. An entry equal to a
 * kept one is dropped under -Unique: the first of equal objects wins, as PowerShell's unique set does.
 */
function keepBounded(state: State, entry: Entry, context: CmdletContext): void {
  const { n, top } = state.bound as { n: number; top: boolean };
  const compare = state.compare as (a: Entry, b: Entry) => number;
  const kept = state.run;
  // Entries arrive in input order: an entry goes after every kept one with an equal key.
  let lo = 0;
  let hi = kept.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compare(kept[mid] as Entry, entry) <= 0) lo = mid + 1;
    else hi = mid;
  }
  if (kept.length === n && (top ? lo === n : lo === 0)) return;
  if (state.unique && lo > 0 && compare(kept[lo - 1] as Entry, entry) === 0) return;
  context.memory.hold(sizeOf(entry));
  kept.splice(lo, 0, entry);
  if (kept.length > n) context.memory.release(sizeOf((top ? kept.pop() : kept.shift()) as Entry));
}

/**
 * The comparison for sorting one run: when every object has one key and the run's keys are all dates,
 * all numbers or all Booleans (with nulls and missing properties), each entry gets a number that orders
 * it exactly as PowerShell's comparer does, and the run sorts on those; otherwise the general comparer.
 */
function runComparer(state: State, compare: (a: Entry, b: Entry) => number): (a: Entry, b: Entry) => number {
  if ((state.expanded?.length ?? 0) > 1) return compare;
  let kind: 'date' | 'number' | 'boolean' | undefined;
  for (const e of state.run) {
    const k = e.k[0];
    if (k === null || k === undefined) continue;
    const found = k instanceof DateValue ? 'date' : typeof k === 'number' ? 'number' : typeof k === 'boolean' ? 'boolean' : undefined;
    if (found === undefined || (kind !== undefined && kind !== found)) return compare;
    kind = found;
  }
  // $null: below every date or Boolean; between the negative numbers and zero.
  const nullRank = kind === 'number' ? -Number.MIN_VALUE : Number.NEGATIVE_INFINITY;
  for (const e of state.run) {
    const k = e.k[0];
    e.f = k === undefined ? Number.NaN : k === null ? nullRank : k instanceof DateValue ? k.ms : Number(k);
  }
  const ascending = state.expanded?.[0]?.ascending ?? !state.descending;
  return (a, b) => {
    const x = a.f as number;
    const y = b.f as number;
    // A missing property (NaN) goes last in either direction.
    if (x !== x || y !== y) return x !== x ? (y !== y ? 0 : 1) : -1;
    const c = x < y ? -1 : x > y ? 1 : 0;
    return ascending ? c : -c;
  };
}
