import { PSObjectType } from '../core/objectType.js';
import { SwitchType, approximateSize, defineCmdlet, integerType, isPSObject, recordEntries, recordFromEntries, type CmdletContext } from '../core/index.js';
import { writeJson, type JsonLayout, type JsonWriteState } from '../core/format/psJson.js';
import { typeView } from '../core/format/typeViews.js';
import { cmdletMessages } from './messages.js';

/** What ConvertTo-Json holds, for help and for the error past its memory budget. */
const HOLDS = {
  what: "the first object until a second one shows the document is an array, and the JSON text of one object while it is written (a deeply nested object with a large -Depth can make text many times its input's size)",
  wayOut: cmdletMessages.MemoryBudgetExceeded.convertToJson,
  budget: 16 * 1024 * 1024,
};

interface State extends JsonWriteState {
  layout: JsonLayout;
  asArray: boolean;
  /** The first object, held until a second one says the document is an array, and its estimated size. */
  first: { value: unknown; size: number } | undefined;
  /** Objects written so far as array elements. */
  written: number;
}

const FINANCE = [
  { DisplayName: 'Ken Myer', SipAddress: 'sip:kenmyer@litwareinc.com' },
  { DisplayName: 'Pilar Ackerman', SipAddress: 'sip:pilar@litwareinc.com' },
];

export default defineCmdlet({
  name: 'ConvertTo-Json',
  synopsis: 'Converts an object to a JSON-formatted string.',
  description:
    'Writes the input as one JSON document, in PowerShell 7\'s layout (two-space indent, "key": value, one array element per line): one object as itself, several as an array (-AsArray: always an array; no input: nothing). Containers nested deeper than -Depth (default 2) are written as PowerShell\'s strings of them (@{Name=value}, array elements joined by spaces), with one warning. Dates (ISO 8601 strings in NDJSON, DateTime for PowerShell once ConvertFrom-Json has read them) are written as PowerShell writes a DateTime: 2012-09-25T13:35:03Z. The PSTypeName is not a property and is left out. The output is text, not NDJSON; ConvertFrom-Json reads it back.',
  parameters: {
    InputObject: {
      type: PSObjectType,
      mandatory: true,
      position: 0,
      valueFromPipeline: true,
      allowNull: true,
      allowEmptyString: true,
      description: 'The objects to convert: each pipeline record.',
    },
    Depth: { type: integerType('Int32', -2147483648, 2147483647), validateRange: [0, 100], description: 'How many levels of contained objects are written as JSON; @default 2.' },
    Compress: { type: SwitchType, description: 'Writes no white space or line breaks.' },
    AsArray: { type: SwitchType, description: 'Writes an array even for one object.' },
  },
  inputTypes: ['Any object, one per NDJSON line.'],
  outputType: 'System.String: a JSON document, as text.',
  writesText: true,
  holds: HOLDS,
  notes: [
    'Memory: PowerShell holds the whole input; cspin holds one object (the first, until a second one shows that the document is an array) and writes the array as the objects arrive, so any number of objects fit in the bins\' memory. The text of one object is built whole: past the memory budget (a deep object with a large -Depth) it stops with MemoryBudgetExceeded.',
  ],
  examples: [
    {
      title: 'Objects in PowerShell\'s JSON layout',
      code: `printf '%s\\n' '${JSON.stringify(FINANCE[0])}' '${JSON.stringify(FINANCE[1])}' | ConvertTo-Json`,
      remarks: 'Two objects make an array; two-space indent, one property per line.',
      expect: { stdout: `${JSON.stringify(FINANCE, null, 2)}\n` },
    },
    {
      title: 'One line, one object in an array',
      code: `Get-CsClientPinInfo -Identity "litwareinc\\\\kenmyer" | ConvertTo-Json -Compress -AsArray`,
      remarks: 'The date is written as PowerShell writes a DateTime; null stays null.',
      expect: { stdout: '[{"Identity":"sip:kenmyer@litwareinc.com","IsPinSet":true,"IsLockedOut":false,"LastPinChangeTime":"2012-09-25T13:35:03Z","PinExpirationTime":null}]\n' },
    },
  ],

  begin(params): State {
    return { layout: { depth: params.Depth ?? 2, compress: params.Compress === true }, asArray: params.AsArray === true, first: undefined, written: 0, truncated: false };
  },

  *process(records, state, context) {
    let text = '';
    for (const { params } of records) {
      const value: unknown = params.InputObject;
      if (state.written === 0 && !state.asArray && state.first === undefined) {
        state.first = { value, size: approximateSize(value) };
        context.memory.hold(state.first.size);
        continue;
      }
      if (state.written === 0) {
        text += state.layout.compress ? '[' : '[\n  ';
        if (state.first) text += element(state.first.value, state, context);
        state.first = undefined;
      }
      text += element(value, state, context);
    }
    if (text !== '') yield text;
    // The text is written: only the first object may still be held.
    context.memory.release(context.memory.held - (state.first?.size ?? 0));
  },

  end(state, context) {
    let text: string | undefined;
    if (state.first) text = writeJson(held(state.first.value, state.layout, 0, context), state.layout, state);
    else if (state.written > 0) text = state.layout.compress ? ']' : '\n]';
    if (state.truncated) context.writeWarning(`Resulting JSON is truncated as serialization has exceeded the set depth of ${state.layout.depth}.`);
    return text === undefined ? [] : [`${text}\n`];
  },
});

/** One element of the array of several inputs: a separator before all but the first. */
function element(value: unknown, state: State, context: CmdletContext): string {
  const separator = state.written === 0 ? '' : state.layout.compress ? ',' : ',\n  ';
  state.written++;
  return separator + writeJson(held(value, state.layout, 1, context), state.layout, state, 1);
}

/**
 * Counts the text a value will become against the memory budget before it is built. Only an indented
 * text deeper than the default -Depth 2 can grow far past its input line (at most 1 MiB): others are
 * not walked twice.
 */
function held(value: unknown, layout: JsonLayout, level: number, context: CmdletContext): unknown {
  if (value !== null && typeof value === 'object' && !layout.compress && layout.depth > 2) context.memory.hold(textSize(value, layout, level));
  return inJsonOrder(value);
}

/** A GroupInfo's properties in the order PowerShell writes them (the .NET type's: Values, Count, Group, Name). */
function inJsonOrder(value: unknown): unknown {
  const view = isPSObject(value) ? typeView(value) : undefined;
  if (!view) return value;
  const entries = recordEntries(value as Record<string, unknown>);
  const first = view.json.flatMap((name) => entries.filter(([key]) => key === name));
  return recordFromEntries([...first, ...entries.filter(([key]) => !view.json.includes(key))]);
}

/**
 * About how many characters (bytes, for V8's one-byte strings) ConvertTo-Json writes for a value:
 * indentation grows with the level, so a deep object's text can be many times its input.
 */
function textSize(value: unknown, layout: JsonLayout, level: number): number {
  if (typeof value === 'string') return value.length + 2;
  if (value === null || typeof value !== 'object') return 8;
  if (level > layout.depth) return approximateSize(value);
  const gap = layout.compress ? 1 : 2 * level + 4;
  let size = 2 + gap;
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) size += gap + textSize(item, layout, level + 1);
  } else {
    for (const key in value) size += gap + key.length + 4 + textSize((value as Record<string, unknown>)[key], layout, level + 1);
  }
  return size;
}
