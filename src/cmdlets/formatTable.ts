import { SwitchType, defineCmdlet, formatBytes } from '../core/index.js';
import { TableFormatter, screenWidth } from '../core/format/index.js';
import { PropertyListType } from '../core/propertyType.js';
import { FORMAT_INPUT, compileColumns, formatRecords } from './formatCommon.js';
import { cmdletMessages } from './messages.js';

/** The rows held to size the columns: at most this many bytes (estimated), within the bins' 64 MiB heap. */
const BUDGET = 24 * 1024 * 1024;
/** What Format-Table holds, for help and for the error past its memory budget. */
const HOLDS = {
  what: "the text of every row until the input ends, to size the columns (cell text and about 32 bytes a cell)",
  when: 'only with -AutoSize; without it, the rows of the first 300 ms (or up to the budget), and then it streams',
  wayOut: cmdletMessages.MemoryBudgetExceeded.formatTable,
  budget: BUDGET,
};

const FINANCE = [
  '',
  'Identity                   IsPinSet IsLockedOut LastPinChangeTime    PinExpirationTime',
  '--------                   -------- ----------- -----------------    -----------------',
  'sip:kenmyer@litwareinc.com     True       False 9/25/2012 1:35:03 PM ',
  'sip:pilar@litwareinc.com       True        True 8/14/2012 9:12:40 AM ',
  '',
  '',
].join('\n');

export default defineCmdlet({
  name: 'Format-Table',
  synopsis: 'Formats the output as a table.',
  description:
    'Writes the input objects as the text of PowerShell\'s `... | Format-Table | Out-String -Width $COLUMNS`: a blank line, the column labels, dashes as long as each label, one row per object, a blank line. The first object decides the columns (its properties, at most 10, or -Property) and their alignment (numbers and Booleans to the right); the rows that arrive within 300 ms of it decide the widths, as in PowerShell, and the rest stream (a value too wide is cut with …). Dates are en-US local time, null is empty, doubles have two decimals, arrays show four items ({1, 2, 3, 4…}). Strings and numbers in the input are written as lines where they come. The width is COLUMNS, else the terminal\'s width, else 120.',
  parameters: {
    Property: {
      type: PropertyListType,
      position: 0,
      description:
        'The properties to show as columns, in order: names (case-insensitive) or wildcards (Is*), comma-separated (`Name, Count` or `Name,Count`). A name the first object lacks is an empty column. A script block or a calculated property (`@{Label="Name"; Expression={$_.Prop}}`, with Width and Alignment) adds a column of its own.',
    },
    AutoSize: {
      type: SwitchType,
      description: `Sizes the columns from all the objects: holds every row's text until the input ends (at most ${formatBytes(BUDGET)}, then MemoryBudgetExceeded).`,
    },
    HideTableHeaders: { type: SwitchType, description: 'Leaves out the labels and the dashes.' },
    Wrap: { type: SwitchType, description: 'Wraps a value too wide for its column on more lines (at spaces) instead of cutting it.' },
    InputObject: FORMAT_INPUT,
  },
  writesText: true,
  holds: HOLDS,
  inputTypes: ['Any object, string or null, one per NDJSON line.'],
  outputType: 'Text for people (never NDJSON), whatever stdout is.',
  notes: [
    `Streams without -AutoSize (it holds only the rows of the first 300 ms). -AutoSize holds the text of every row: past ${formatBytes(BUDGET)} (cell text and about 32 bytes a cell) it stops with MemoryBudgetExceeded; leave -AutoSize out for large inputs.`,
    'cspin deviations: NDJSON cannot tell 3.0 from 3, so whole numbers always show as integers; the next command reads text, not objects (PowerShell\'s format objects do not exist in bash).',
  ],
  examples: [
    {
      title: 'PIN information as a table',
      code: 'Get-CsUser -LdapFilter "Department=Finance" | Get-CsClientPinInfo | Format-Table',
      remarks: 'One row per user; IsPinSet and IsLockedOut are right-aligned as PowerShell aligns Booleans, the date is en-US local time, a PIN that never expires is empty.',
      expect: { stdout: FINANCE },
    },
    {
      title: 'Chosen columns, without the header',
      code: 'Get-CsUser -LdapFilter "Department=Finance" | Get-CsClientPinInfo | Format-Table Identity, Is* -HideTableHeaders',
      remarks: 'A list of names and wildcards picks the columns; -HideTableHeaders leaves out the labels and the dashes.',
      expect: {
        stdout: [
          '',
          'sip:kenmyer@litwareinc.com     True       False',
          'sip:pilar@litwareinc.com       True        True',
          '',
          '',
        ].join('\n'),
      },
    },
  ],

  begin(params, context) {
    const properties = compileColumns(params.Property, true);
    return new TableFormatter({
      width: screenWidth(context.env, context.columns),
      properties,
      autoSize: params.AutoSize === true,
      hideTableHeaders: params.HideTableHeaders === true,
      wrap: params.Wrap === true,
      memory: context.memory,
    });
  },

  process: (records, formatter) => formatRecords(records, formatter),

  end(formatter) {
    const text = formatter.end();
    return text === '' ? [] : [text];
  },
});
