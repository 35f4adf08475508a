import { arrayType } from '../core/commaList.js';
import { Int32Type, SwitchType, StringType, approximateSize, defineCmdlet, isErrorRecord, type CmdletContext, type ErrorRecord } from '../core/index.js';
import { inputObjectParameter } from '../core/objectType.js';
import { NameListType, PropertyListType } from '../core/propertyType.js';
import { SELECT_EXAMPLES } from './selectObjectExamples.js';
import { compileProjection, project, type Projection } from './selectProjection.js';
import { SelectQueue } from './selectQueue.js';
import { UniqueSet } from './selectUnique.js';
import { cmdletMessages } from './messages.js';

/** What Select-Object holds, for help and for the error past its memory budget. */
const HOLDS = {
  what: 'the last n input objects (-Last n, with -Skip s: n + s), n objects (-SkipLast n) or each distinct selected object (-Unique)',
  when: 'only with -Last, -SkipLast or -Unique; otherwise it streams and holds nothing',
  wayOut: cmdletMessages.MemoryBudgetExceeded.selectObject,
};
/** Estimated bytes a held object costs beyond its value: its wrapper and its queue slot (or -Unique's key). */
const HELD_OVERHEAD = 56;

/** An input object waiting in the queue, with the line it came from and its estimated size. */
interface Held {
  value: unknown;
  record: number | undefined;
  size: number;
}

interface State {
  projection: Projection;
  queue: SelectQueue<Held>;
  /** -Index: the indexes, sorted, without duplicates; where the next one is; how many objects came. */
  index: number[] | undefined;
  nextIndex: number;
  seen: number;
  /** -Unique: what was kept, written at the end. */
  uniques: UniqueSet | undefined;
  /** All that is needed has come: the rest of the input is not read. */
  done: boolean;
  /** -Last or -SkipLast: queued objects are weighed against the memory budget. */
  weighed: boolean;
}

const COUNT = { type: Int32Type, validateRange: [0, 2147483647] } as const;

export default defineCmdlet({
  name: 'Select-Object',
  synopsis: 'Selects objects or object properties.',
  description:
    'With -Property, writes for each input object a new object that has only the properties given, in that order: names (case-insensitive; wildcards such as Is*Set pick every matching property in the object\'s order), calculated properties @{Name="Sip"; Expression={$_.SipAddress}} (keys by any prefix: n, l, e) and script blocks {$_.Name}. A name the object lacks gives the property with a null value; a wildcard that matches nothing adds nothing. -ExpandProperty writes the value of one property instead (each element of an array). -First, -Last, -Skip, -SkipLast and -Index pick objects by position: -First writes the first n objects as they come and then stops reading, so the command before it ends at once (as with head). -Unique drops duplicates, case-sensitively.',
  parameters: {
    Property: {
      type: PropertyListType,
      position: 0,
      description:
        "The properties to select: a comma list of names (wildcards allowed), calculated properties '@{Name=\"Sip\"; Expression={$_.SipAddress}}' and script blocks '{$_.Name}', single-quoted in bash. Name,Count and Name, Count both work.",
    },
    ExcludeProperty: { type: NameListType, description: 'Properties to leave out (wildcards allowed); alone, it selects every other property (-Property *).' },
    ExpandProperty: {
      type: StringType,
      description: 'A property whose value is written instead of the object (each element of an array; nothing for $null); with -Property, the selected properties are added to an expanded object.',
    },
    Unique: { type: SwitchType, description: 'Writes each distinct object once, at the end, comparing case-sensitively (the first occurrence is kept).' },
    Last: { ...COUNT, description: 'Writes the last n objects at the end of the input (holding only n objects).' },
    First: { ...COUNT, description: 'Writes the first n objects, then stops reading the input.' },
    Skip: { ...COUNT, description: 'Skips the first n objects (with -Last and no -First: the last n).' },
    SkipLast: { ...COUNT, description: 'Skips the last n objects (holding n objects).' },
    Index: { type: arrayType(Int32Type), description: 'Writes the objects at these 0-based positions (a comma list), in input order.' },
    InputObject: inputObjectParameter('The objects to select from: each pipeline record. A null record is skipped, as in PowerShell.'),
  },
  mutuallyExclusive: [
    ['Index', 'First'],
    ['Index', 'Last'],
    ['Index', 'Skip'],
    ['Index', 'SkipLast'],
    ['SkipLast', 'First'],
    ['SkipLast', 'Last'],
  ],
  inputTypes: ['Any object, string or null, one per NDJSON line.'],
  outputType: 'New objects with the selected properties; the input objects (without -Property); or property values (-ExpandProperty).',
  holds: { ...HOLDS, budget: 16 * 1024 * 1024 },
  notes: [
    'Holds objects only for -Last n and -SkipLast n (n objects) and -Unique (each distinct object); everything else streams. Past the memory budget it stops with MemoryBudgetExceeded.',
    'New objects have the type name Selected.<the input\'s type> (PSTypeName), as in PowerShell; objects passed through unchanged (no -Property) keep their own type name, where PowerShell adds Selected.<type> on top of it (cspin objects carry one type name, and the next command still binds them as their own type).',
    'cspin deviations: properties added by -Property to an expanded plain value (a string, a number) are not written, as JSON cannot add them to a string (PowerShell\'s ConvertTo-Json drops them too). Script blocks are single expressions over $_ (see ForEach-Object). -Wait, -SkipIndex and -CaseInsensitive are not supported.',
    'As in PowerShell, -Unique without -Property treats any two objects (records) as the same, so only the first object is written: use -Property to say what makes objects distinct.',
  ],
  examples: SELECT_EXAMPLES,

  begin(params): State {
    const projection = compileProjection(params.Property, params.ExcludeProperty, params.ExpandProperty);
    const firstOrLast = params.First !== undefined || params.Last !== undefined;
    const counts = { first: params.First ?? 0, last: params.Last ?? 0, skip: params.Skip ?? 0, skipLast: params.SkipLast ?? 0, firstOrLast };
    const index = params.Index === undefined ? undefined : [...new Set(params.Index)].sort((a, b) => a - b);
    const weighed = counts.last > 0 || counts.skipLast > 0;
    const queue = new SelectQueue<Held>(counts, (held) => held.size);
    return { projection, queue, index, nextIndex: 0, seen: 0, uniques: params.Unique ? new UniqueSet() : undefined, done: false, weighed };
  },

  *process(records, state, context) {
    for (const { params, record } of records) {
      if (state.done) return;
      const input: unknown = params.InputObject;
      if (input === null || input === undefined) continue;
      if (state.index !== undefined) {
        if (state.index[state.nextIndex] === state.seen++) {
          state.nextIndex++;
          yield* write(state, input, record, context);
        }
        if (state.nextIndex >= state.index.length) stop(state, context);
        continue;
      }
      const before = state.queue.bytes;
      const out = state.queue.push({ value: input, record, size: state.weighed ? approximateSize(input) + HELD_OVERHEAD : 0 });
      const change = state.queue.bytes - before;
      if (change > 0) context.memory.hold(change);
      else context.memory.release(-change);
      if (out !== undefined) yield* write(state, out.value, out.record, context);
      if (state.queue.allRequested) stop(state, context);
    }
  },

  *end(state, context) {
    for (const held of state.queue.drain()) yield* write(state, held.value, held.record, context);
    for (const kept of state.uniques?.kept ?? []) yield kept.value;
  },
});

function stop(state: State, context: CmdletContext): void {
  state.done = true;
  context.stopUpstream();
}

/** What one selected input object gives: written now, or kept for -Unique. */
function* write(state: State, input: unknown, record: number | undefined, context: CmdletContext): Generator<unknown | ErrorRecord> {
  for (const item of project(input, state.projection, record)) {
    if (isErrorRecord(item)) yield item;
    else if (state.uniques === undefined) yield item.value;
    else if (state.uniques.add(item)) context.memory.hold(approximateSize(item.value) + HELD_OVERHEAD + item.notes.reduce((sum, note) => sum + approximateSize(note.value) + HELD_OVERHEAD, 0));
  }
}
