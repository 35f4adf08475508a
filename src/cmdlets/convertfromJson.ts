import { StringDecoder } from 'node:string_decoder';
import { StringType, SwitchType, TerminatingError, defineCmdlet, errorRecord, usageError, type ErrorRecord } from '../core/index.js';
import { coreMessages } from '../core/messages.js';
import { classifyStdin } from '../core/pipelineInput.js';
import { checkParsed, parseJsonOrdered, scanJson } from '../core/stream/jsonCheck.js';
import { chunksOf } from '../core/stream/readChunks.js';
import { cmdletMessages } from './messages.js';

/** The most text one document may hold (the bins' old space is 64 MiB; parsing needs several times the text). */
const DOCUMENT_LIMIT = 8 * 1024 * 1024;

export default defineCmdlet({
  name: 'ConvertFrom-Json',
  synopsis: 'Converts a JSON-formatted string to a custom object.',
  description:
    'Reads JSON text and writes its value as objects; an array is unrolled into its elements (unless -NoEnumerate). As in PowerShell, the input lines are tried one by one: when the first line is a JSON value on its own, each line is one document (NDJSON, read as it comes); otherwise the whole input is one document (pretty-printed JSON, as ConvertTo-Json writes it). Malformed JSON is reported with its line and column, never its text.',
  parameters: {
    InputObject: { type: StringType, position: 0, description: 'JSON text; without it, standard input is read as JSON text.' },
    NoEnumerate: { type: SwitchType, description: 'Writes an array as one object instead of its elements.' },
  },
  inputTypes: ['JSON text: one document, or one per line.'],
  outputType: 'System.Management.Automation.PSCustomObject',
  notes: [
    `Memory: a document of several lines is held whole, up to ${DOCUMENT_LIMIT / 1024 / 1024} MiB of text (JsonDocumentTooLarge past it); one document per line (NDJSON) is read line by line, in constant memory.`,
    'cspin deviations: JSON is strict (PowerShell\'s parser also takes unquoted property names and single-quoted strings); a malformed line of NDJSON is an error for that line and the next lines go on (PowerShell stops). ISO dates stay ISO 8601 strings, as NDJSON carries them.',
  ],
  examples: [
    {
      title: 'A JSON document back into objects',
      code: `printf '[\\n  {\\n    "Name": "Ken Myer",\\n    "Count": 2\\n  },\\n  {\\n    "Name": "Pilar Ackerman",\\n    "Count": 1\\n  }\\n]\\n' | ConvertFrom-Json`,
      remarks: 'The pretty-printed array is one document; its elements come out one per line.',
      expect: { objects: [{ Name: 'Ken Myer', Count: 2 }, { Name: 'Pilar Ackerman', Count: 1 }] },
    },
    {
      title: 'Malformed JSON',
      code: `printf '{\\n  "Name": "Ken Myer",\\n  "Count": two\\n}\\n' | ConvertFrom-Json`,
      remarks: 'The error names the line and column, not the text.',
      expect: { exitCode: 1, stderrIncludes: 'line 3, column 12', objects: [] },
    },
  ],

  begin(params) {
    if (params.InputObject === undefined && classifyStdin() === 'terminal') {
      throw usageError('MissingMandatoryParameter', coreMessages.MissingMandatoryParameter(['InputObject']), 'InputObject');
    }
    return undefined;
  },

  async *process(records) {
    for (const { params } of records) {
      const enumerate = params.NoEnumerate !== true;
      const lines = params.InputObject === undefined ? stdinLines() : textLines(params.InputObject);
      let document: string[] | undefined;
      let size = 0;
      let start = 1;
      let first = true;
      for await (const { text, n } of lines) {
        if (document) {
          size += text.length + 1;
          if (size > DOCUMENT_LIMIT) throw tooLarge();
          document.push(text);
          continue;
        }
        if (text.trim() === '') continue;
        const parsed = parse(text, n);
        if (first && (parsed instanceof ErrorRecordLike || parsed.value === null)) {
          // The first line is not a document of its own: the whole input is one.
          document = [text];
          size = text.length;
          start = n;
          first = false;
          continue;
        }
        first = false;
        if (parsed instanceof ErrorRecordLike) yield parsed.error;
        else yield* values(parsed.value, enumerate);
      }
      if (document) {
        const parsed = parse(document.join('\n'), start);
        if (parsed instanceof ErrorRecordLike) throw new TerminatingError(parsed.error);
        yield* values(parsed.value, enumerate);
      }
    }
  },
});

/** A parse failure, as a class so that it cannot be mistaken for a parsed value. */
class ErrorRecordLike {
  constructor(readonly error: ErrorRecord) {}
}

function* values(value: unknown, enumerate: boolean): Generator<unknown> {
  if (enumerate && Array.isArray(value)) yield* value;
  else yield value;
}

/**
 * Parses one document; a failure names the line and column (counted from the document's first line, n).
 */
function parse(text: string, n: number): { value: unknown } | ErrorRecordLike {
  let value: unknown;
  try {
    value = JSON.parse(text);
    if (checkParsed(text, value)) return { value };
  } catch {
    // scanJson says where and why.
  }
  const problem = scanJson(text);
  // PowerShell keeps the last of a repeated key (JSON.parse does too); keys differing in case it refuses.
  if (!problem) return { value: parseJsonOrdered(text) };
  if (problem.errorId === 'DuplicateKeysInJsonString' && value !== undefined) return { value };
  const before = text.slice(0, problem.offset);
  const line = n + (before.match(/\n/g)?.length ?? 0);
  const column = problem.offset - before.lastIndexOf('\n');
  const reason =
    problem.errorId === 'DuplicateKeysInJsonString' ? cmdletMessages.DuplicateKeysInJsonString.reason(problem.key ?? '')
    : problem.errorId === 'KeysWithDifferentCasingInJsonString' ? cmdletMessages.KeysWithDifferentCasingInJsonString.reason(problem.key ?? '')
    : problem.reason;
  return new ErrorRecordLike(
    errorRecord({
      errorId: problem.errorId,
      category: problem.errorId === 'MalformedJson' ? 'ParserError' : 'InvalidData',
      message: cmdletMessages[problem.errorId].conversion(line, column, reason.replace('the line ends', 'the text ends')),
      record: line,
    }),
  );
}

function tooLarge(): TerminatingError {
  return new TerminatingError({
    errorId: 'JsonDocumentTooLarge',
    category: 'LimitsExceeded',
    message: cmdletMessages.JsonDocumentTooLarge(DOCUMENT_LIMIT / 1024 / 1024),
  });
}

interface NumberedLine {
  text: string;
  n: number;
}

async function* stdinLines(): AsyncIterable<NumberedLine> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let n = 0;
  for await (const chunk of chunksOf(process.stdin)) {
    rest += decoder.write(chunk);
    let start = 0;
    for (let end = rest.indexOf('\n'); end !== -1; end = rest.indexOf('\n', start)) {
      yield numbered(rest.slice(start, end), ++n);
      start = end + 1;
    }
    rest = rest.slice(start);
    if (rest.length > DOCUMENT_LIMIT) throw tooLarge();
  }
  rest += decoder.end();
  if (rest !== '') yield numbered(rest, ++n);
}

function* textLines(text: string): Generator<NumberedLine> {
  let n = 0;
  for (const line of text.split('\n')) yield numbered(line, ++n);
}

/** A line without its CR, and without a BOM at the start of the input. */
function numbered(line: string, n: number): NumberedLine {
  let text = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (n === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, n };
}
