import { PSObjectType } from '../core/objectType.js';
import { SwitchType, defineCmdlet, integerType } from '../core/index.js';
import { writeJson, type JsonLayout, type JsonWriteState } from '../core/format/psJson.js';

interface State extends JsonWriteState {
  layout: JsonLayout;
  asArray: boolean;
  /** The first object, held until a second one says the document is an array. */
  first: { value: unknown } | undefined;
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
  notes: [
    'Memory: PowerShell holds the whole input; cspin holds one object (the first, until a second one shows that the document is an array) and writes the array as the objects arrive, so any number of objects fit in the bins\' memory.',
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

  *process(records, state) {
    let text = '';
    for (const { params } of records) {
      const value: unknown = params.InputObject;
      if (state.written === 0 && !state.asArray && state.first === undefined) {
        state.first = { value };
        continue;
      }
      if (state.written === 0) {
        text += state.layout.compress ? '[' : '[\n  ';
        if (state.first) text += element(state.first.value, state);
        state.first = undefined;
      }
      text += element(value, state);
    }
    if (text !== '') yield text;
  },

  end(state, context) {
    let text: string | undefined;
    if (state.first) text = writeJson(state.first.value, state.layout, state);
    else if (state.written > 0) text = state.layout.compress ? ']' : '\n]';
    if (state.truncated) context.writeWarning(`Resulting JSON is truncated as serialization has exceeded the set depth of ${state.layout.depth}.`);
    return text === undefined ? [] : [`${text}\n`];
  },
});

/** One element of the array of several inputs: a separator before all but the first. */
function element(value: unknown, state: State): string {
  const separator = state.written === 0 ? '' : state.layout.compress ? ',' : ',\n  ';
  state.written++;
  return separator + writeJson(value, state.layout, state, 1);
}
