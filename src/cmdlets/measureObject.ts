import { SwitchType, defineCmdlet, echo, errorRecord, findProperty, isPSObject, propertyNames, recordFromEntries } from '../core/index.js';
import { wildcardRegExp } from '../core/compare.js';
import { DateValue, TextValue, compareSortValues, sortValue, toDouble, toText, type SortValue } from '../core/objectCompare.js';
import { PSObjectType } from '../core/objectType.js';
import { NameListType } from '../core/propertyType.js';
import { cmdletMessages } from './messages.js';

/** One property's running statistics: constant memory whatever the input. */
interface Statistics {
  name: string;
  count: number;
  sum: number;
  sumPrevious: number;
  variance: number;
  min: unknown;
  max: unknown;
  lines: number;
  words: number;
  characters: number;
}

interface State {
  readonly properties?: readonly string[];
  readonly sum: boolean;
  readonly average: boolean;
  readonly deviation: boolean;
  readonly minimum: boolean;
  readonly maximum: boolean;
  /** -Line, -Word or -Character: a TextMeasureInfo instead of a GenericMeasureInfo. */
  readonly text?: { lines: boolean; words: boolean; characters: boolean; ignoreWhiteSpace: boolean };
  /** By property name, case-insensitively; the first spelling seen names the result. */
  readonly stats: Map<string, Statistics>;
  nonNumeric: boolean;
}

export default defineCmdlet({
  name: 'Measure-Object',
  synopsis: 'Calculates the numeric properties of objects, and the characters, words, and lines in string objects.',
  description:
    'Counts the input objects and, on request, the sum, average, maximum, minimum and (sample) standard deviation of a property, or of the objects themselves without -Property; or the lines, words and characters of text. The result is a GenericMeasureInfo object {Count, Average, Sum, Maximum, Minimum, StandardDeviation, Property} (statistics not asked for are $null), one per property. Memory stays constant: only running totals are kept.',
  parameters: {
    Property: { type: NameListType, position: 0, description: 'The properties to measure, a comma list; wildcards match each object\'s properties. An object without the property is not counted; a $null value counts as 0.' },
    Sum: { type: SwitchType, description: 'Adds the values.' },
    Average: { type: SwitchType, description: 'Averages the values.' },
    Maximum: { type: SwitchType, description: 'The largest value (numbers as numbers; other values as Sort-Object compares them).' },
    Minimum: { type: SwitchType, description: 'The smallest value.' },
    StandardDeviation: { type: SwitchType, description: 'The sample standard deviation (n − 1).' },
    AllStats: { type: SwitchType, description: 'All of -Sum, -Average, -Maximum, -Minimum and -StandardDeviation.' },
    Line: { type: SwitchType, description: 'Counts the lines of the text.' },
    Word: { type: SwitchType, description: 'Counts the words (runs of non-white-space) of the text.' },
    Character: { type: SwitchType, description: 'Counts the characters of the text.' },
    IgnoreWhiteSpace: { type: SwitchType, description: 'With -Character: white space is not counted.' },
    InputObject: { type: PSObjectType, mandatory: true, valueFromPipeline: true, allowNull: true, allowEmptyString: true, description: 'The objects to measure: each pipeline record. $null records are not counted, as in PowerShell.' },
  },
  inputTypes: ['Any object, string or number, one per NDJSON line.'],
  outputType: 'GenericMeasureInfo {Count, Average, Sum, Maximum, Minimum, StandardDeviation, Property} (GenericObjectMeasureInfo, the same properties, when a maximum or minimum is not a number), or TextMeasureInfo {Lines, Words, Characters, Property} with -Line, -Word or -Character.',
  notes: [
    'A value that is not a number, with -Sum, -Average or -StandardDeviation, is reported (NonNumericInputObject) and those statistics are $null in the result, as in PowerShell; Count still counts it.',
    'cspin deviations: -Property takes names and wildcards, not script blocks.',
  ],
  examples: [
    {
      title: 'Count the users',
      code: 'Get-CsUser | Get-CsClientPinInfo | Measure-Object',
      remarks: 'One result: Count 24, the statistics not asked for are null.',
      expect: { objects: [{ Count: 24, Average: null, Sum: null, Maximum: null, Minimum: null, StandardDeviation: null, Property: null }] },
    },
    {
      title: 'Statistics of numbers',
      code: "printf '1\\n3\\n4\\n' | Measure-Object -AllStats",
      remarks: 'The standard deviation is the sample one (n − 1), as in PowerShell.',
      expect: { objects: [{ Count: 3, Average: 2.6666666666666665, Sum: 8, Maximum: 4, Minimum: 1, StandardDeviation: 1.5275252316519465, Property: null }] },
    },
    {
      title: 'Oldest and newest PIN change',
      code: 'Get-CsUser | Get-CsClientPinInfo | Where-Object IsPinSet | Measure-Object LastPinChangeTime -Minimum -Maximum',
      remarks: 'Dates are not numbers: the result is a GenericObjectMeasureInfo holding the dates themselves.',
      expect: {
        objects: [{ Count: 14, Average: null, Sum: null, Maximum: '2016-07-22T15:10:00.000Z', Minimum: '2012-08-14T09:12:40.000Z', StandardDeviation: null, Property: 'LastPinChangeTime' }],
      },
    },
  ],

  begin(params): State {
    const all = params.AllStats === true;
    const text = params.Line || params.Word || params.Character;
    return {
      properties: params.Property,
      sum: all || params.Sum === true,
      average: all || params.Average === true,
      deviation: all || params.StandardDeviation === true,
      minimum: all || params.Minimum === true,
      maximum: all || params.Maximum === true,
      text: text ? { lines: params.Line === true, words: params.Word === true, characters: params.Character === true, ignoreWhiteSpace: params.IgnoreWhiteSpace === true } : undefined,
      stats: new Map(),
      nonNumeric: false,
    };
  },

  *process(records, state) {
    for (const { params, record } of records) {
      const input: unknown = params.InputObject;
      if (input === null || input === undefined) continue;
      if (!state.properties) {
        const error = analyze(state, entry(state, ''), input, record);
        if (error) yield error;
        continue;
      }
      const counted = new Set<string>();
      for (const property of state.properties) {
        for (const [name, value] of resolve(input, property)) {
          if (value === MISSING) {
            entry(state, name);
            continue;
          }
          if (counted.has(name.toLowerCase())) continue;
          counted.add(name.toLowerCase());
          const error = analyze(state, entry(state, name), value, record);
          if (error) yield error;
        }
      }
    }
  },

  *end(state) {
    if (state.stats.size === 0 && !state.properties) entry(state, '');
    for (const stat of state.stats.values()) {
      if (stat.count === 0 && state.properties) continue;
      yield result(state, stat);
    }
  },
});

const MISSING = Symbol('missing');

/** The properties a -Property item names on one object: [name, value], or [name, MISSING] for a plain name it lacks. */
function resolve(input: unknown, property: string): [string, unknown][] {
  if (/[*?[]/.test(property)) {
    if (!isPSObject(input)) return [];
    const pattern = wildcardRegExp(property);
    return propertyNames(input).filter((n) => n !== 'PSTypeName' && pattern.test(n)).map((n) => [n, input[n]]);
  }
  const found = isPSObject(input) ? findProperty(input, property) : undefined;
  return found ? [[found.name, found.value]] : [[property, MISSING]];
}

function entry(state: State, name: string): Statistics {
  const key = name.toLowerCase();
  let stat = state.stats.get(key);
  if (!stat) {
    stat = { name, count: 0, sum: 0, sumPrevious: 0, variance: 0, min: null, max: null, lines: 0, words: 0, characters: 0 };
    state.stats.set(key, stat);
  }
  return stat;
}

/** Measure-Object's AnalyzeValue: one value into the running statistics. */
function analyze(state: State, stat: Statistics, raw: unknown, record: number | undefined) {
  stat.count++;
  if (state.text) measureText(state.text, stat, raw === null || raw === undefined ? '' : toText(raw));
  const value = sortValue(raw);
  if (state.sum || state.average || state.deviation) {
    const n = toDouble(value);
    if (n === undefined) {
      state.nonNumeric = true;
      return errorRecord({ errorId: 'NonNumericInputObject', category: 'InvalidType', message: cmdletMessages.NonNumericInputObject(toText(raw)), target: echo(toText(raw)), record });
    }
    // Welford's running variance, in PowerShell's own steps, so the digits come out the same.
    stat.sumPrevious = stat.sum;
    stat.sum += n;
    if (state.deviation && stat.count > 1) {
      const averagePrevious = stat.sumPrevious / (stat.count - 1);
      stat.variance *= (stat.count - 2) / (stat.count - 1);
      stat.variance += ((n - averagePrevious) * (n - averagePrevious)) / stat.count;
    }
  }
  if (state.minimum) stat.min = extreme(raw, stat.min, 1);
  if (state.maximum) stat.max = extreme(raw, stat.max, -1);
  return undefined;
}

/** Measure-Object's Compare: numbers as Doubles, values of different types as their text, case-sensitively. */
function extreme(current: unknown, held: unknown, factor: 1 | -1): unknown {
  if (held === null || held === undefined) return current;
  let c = asCompared(current);
  let h = asCompared(held);
  if (c !== null && !sameType(c, h)) {
    c = toText(c);
    h = toText(h);
  }
  return compareSortValues(h, c, true) * factor > 0 ? current : held;
}

function asCompared(raw: unknown): SortValue {
  const value = sortValue(raw);
  if (value === null) return null;
  return toDouble(value) ?? value;
}

function sameType(a: SortValue, b: SortValue): boolean {
  if (typeof a !== typeof b) return false;
  if (a instanceof DateValue) return b instanceof DateValue;
  if (a instanceof TextValue) return b instanceof TextValue;
  return true;
}

function measureText(text: NonNullable<State['text']>, stat: Statistics, value: string): void {
  if (text.characters) stat.characters += text.ignoreWhiteSpace ? value.replace(/\s/g, '').length : value.length;
  if (text.words) stat.words += value.split(/\s+/).filter((w) => w !== '').length;
  if (text.lines && value !== '') stat.lines += (value.match(/\n/g)?.length ?? 0) + (value.endsWith('\n') ? 0 : 1);
}

function result(state: State, stat: Statistics): Record<string, unknown> {
  const property = state.properties ? stat.name : null;
  if (state.text) {
    const { lines, words, characters } = state.text;
    return recordFromEntries([
        ['Lines', lines ? stat.lines : null],
      ['Words', words ? stat.words : null],
      ['Characters', characters ? stat.characters : null],
      ['Property', property],
    ]);
  }
  const numeric = (v: unknown) => v === null || v === undefined || toDouble(sortValue(v)) !== undefined;
  const generic = numeric(stat.min) && numeric(stat.max);
  const shown = (v: unknown) => (v === null || v === undefined ? null : generic ? (toDouble(sortValue(v)) ?? null) : v);
  const ok = !state.nonNumeric;
  return recordFromEntries([
    ['Count', stat.count],
    ['Average', ok && state.average && stat.count > 0 ? stat.sum / stat.count : null],
    ['Sum', ok && state.sum ? stat.sum : null],
    ['Maximum', state.maximum ? shown(stat.max) : null],
    ['Minimum', state.minimum ? shown(stat.min) : null],
    ['StandardDeviation', ok && state.deviation && generic ? Math.sqrt(stat.variance) : null],
    ['Property', property],
  ]);
}
