import { defineCmdlet } from '../core/index.js';
import { ListFormatter, screenWidth } from '../core/format/index.js';
import { PropertyListType } from '../core/propertyType.js';
import { FORMAT_INPUT, compileColumns, formatRecords } from './formatCommon.js';

export default defineCmdlet({
  name: 'Format-List',
  synopsis: 'Formats the output as a list of properties in which each property appears on a new line.',
  description:
    'Writes the input objects as the text of PowerShell\'s `... | Format-List | Out-String -Width $COLUMNS`: a blank line, then for each object one `Name : value` line per property, the names padded to the longest name of that object, and a blank line. A long value wraps at spaces under its first line; a multi-line value continues there too. Dates are en-US local time, null is empty, arrays show four items ({1, 2, 3, 4…}). Strings and numbers in the input are written as lines where they come. The width is COLUMNS, else the terminal\'s width, else 120.',
  parameters: {
    Property: {
      type: PropertyListType,
      position: 0,
      description:
        'The properties to show, in order: names (case-insensitive) or wildcards (Is*), comma-separated (`Name, Count` or `Name,Count`); a name an object lacks is left out. A script block or a calculated property (`@{Label="Name"; Expression={$_.Prop}}`) adds a column of its own.',
    },
    InputObject: FORMAT_INPUT,
  },
  writesText: true,
  inputTypes: ['Any object, string or null, one per NDJSON line.'],
  outputType: 'Text for people (never NDJSON), whatever stdout is.',
  notes: ['Streams: each object is written as it comes.', 'cspin deviation: NDJSON cannot tell 3.0 from 3, so whole numbers always show as integers.'],
  examples: [
    {
      title: "A user's PIN information as a list",
      code: 'Get-CsClientPinInfo -Identity "litwareinc\\kenmyer" | Format-List',
      remarks: 'One line per property, the names padded to the longest; PinExpirationTime is null, so its value is empty.',
      expect: {
        stdout: [
          '',
          'Identity          : sip:kenmyer@litwareinc.com',
          'IsPinSet          : True',
          'IsLockedOut       : False',
          'LastPinChangeTime : 9/25/2012 1:35:03 PM',
          'PinExpirationTime : ',
          '',
          '',
        ].join('\n'),
      },
    },
    {
      title: 'Chosen properties',
      code: 'Get-CsClientPinInfo -Identity "litwareinc\\kenmyer" | Format-List Identity, *Time',
      remarks: 'Names and wildcards pick the properties, in the order given.',
      expect: {
        stdout: ['', 'Identity          : sip:kenmyer@litwareinc.com', 'LastPinChangeTime : 9/25/2012 1:35:03 PM', 'PinExpirationTime : ', '', ''].join('\n'),
      },
    },
  ],

  begin(params, context) {
    return new ListFormatter(screenWidth(context.env, context.columns), compileColumns(params.Property, false));
  },

  process: (records, formatter) => formatRecords(records, formatter),
});
