/**
 * Property-based cases: seeded random objects (mixed types, nulls, missing properties, Unicode, integer-like
 * property names) through pipeline templates, and random CSV files through Import-Csv. The seeds are fixed,
 * so a run is repeatable and a difference names its seed. To put a command under the same random input,
 * add one line to TEMPLATES (e.g. `{ template: 'Sort-Object {p}', output: 'objects' }`).
 */
import type { ConformanceCase, ConformanceOutput } from '../case.js';

/** A pipeline over the random objects: {p} is a property name, {op} an operator switch, {v} a value. */
interface Template {
  template: string;
  output: ConformanceOutput;
  /** How many seeds (cases) it gets. */
  seeds?: number;
}

export const TEMPLATES: readonly Template[] = [
  { template: 'Where-Object {p} -{op} {v}', output: 'objects', seeds: 40 },
  { template: 'Where-Object {p}', output: 'objects', seeds: 10 },
  { template: 'Where-Object -Not {p}', output: 'objects', seeds: 5 },
];

/** mulberry32: a small seeded generator, the same numbers on every machine. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const NAMES = ['Name', 'n', 'Größe', '2', '10', 'Émile', '名前', 'Is Set', 'Count'];
const TEXTS = ['abc', 'ABC', 'Ärger', 'ärger', 'straße', '日本語', '', ' x ', '10', '9', '-1', 'True', 'false', 'a*b', '2016-01-01T00:00:00.000Z', '2020-02-29T12:00:00.000Z'];
const NUMBERS = [0, 1, -1, 2.5, 10, 1000, -0.5, 123456789];
const OPERATORS = ['EQ', 'NE', 'GT', 'GE', 'LT', 'LE', 'Like', 'NotLike', 'Match', 'NotMatch', 'CEQ', 'CLike', 'Contains', 'In', 'NotIn'];
/** Values as typed on the command line: safe in both shells, quoted where they have spaces or are empty. */
const ARGUMENTS = ['abc', 'ABC', 'Ärger', '10', '9', '-1', '0', '2.5', '1000', 'True', '"2016-01-01T00:00:00Z"', 'a*', '*b*', '""', '" x "', '日本語', '^a', "'$Null'"];

function value(random: Random): unknown {
  const kind = random();
  if (kind < 0.4) return pick(random, TEXTS);
  if (kind < 0.7) return pick(random, NUMBERS);
  if (kind < 0.82) return random() < 0.5;
  if (kind < 0.92) return null;
  return [pick(random, TEXTS), pick(random, NUMBERS)];
}

/** One object as an NDJSON line: a random subset of the names, in a random order, some left out. */
function objectLine(random: Random): string {
  const names = NAMES.filter(() => random() < 0.6);
  for (let i = names.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [names[i], names[j]] = [names[j] as string, names[i] as string];
  }
  return `{${names.map((name) => `${JSON.stringify(name)}:${JSON.stringify(value(random))}`).join(',')}}`;
}

/** A name or value as a shell word (bash and PowerShell read it the same). */
const word = (text: string) => (/^[\p{L}\p{N}]+$/u.test(text) ? text : `"${text}"`);

/** Seeds whose difference is deliberate (listed in the README), with the reason. */
const BOOLEAN_TEXT =
  'compared with a Boolean, text that is no Boolean word nor number fails the object (OperatorFailed) where PowerShell takes any non-empty text as true: `IsPinSet -eq Flase | Unlock-CsClientPin` must not unlock everyone';
const DELIBERATE: Readonly<Record<number, string>> = { 1010: BOOLEAN_TEXT, 1015: BOOLEAN_TEXT };

function fromTemplate(template: Template, seed: number): ConformanceCase {
  const random = generator(seed);
  const input = Array.from({ length: 8 }, () => objectLine(random));
  const pipeline = template.template
    .replace('{p}', () => word(pick(random, NAMES)))
    .replace('{op}', () => pick(random, OPERATORS))
    .replace('{v}', () => pick(random, ARGUMENTS));
  const deliberate = DELIBERATE[seed];
  return { name: `${template.template} #${seed}: ${pipeline}`, input, pipeline, output: template.output, ...(deliberate === undefined ? {} : { deliberate }) };
}

/** A CSV field: quoted when it must be, and sometimes when it need not. */
function field(random: Random, text: string): string {
  const must = /[",\r\n]/.test(text) || text !== text.trim();
  return must || random() < 0.3 ? `"${text.replace(/"/g, '""')}"` : text;
}

const CSV_TEXTS = [...TEXTS, 'a,b', 'say "hi"', 'two\nlines', '1.5', 'O\'Brien'];

/** A random CSV file: unique headers, rows that are sometimes short or long, LF or CRLF, a BOM or not. */
function csvCase(seed: number): ConformanceCase {
  const random = generator(seed);
  const headers = NAMES.filter(() => random() < 0.5);
  if (headers.length === 0) headers.push('Name');
  const end = random() < 0.5 ? '\n' : '\r\n';
  const rows = Array.from({ length: 1 + Math.floor(random() * 6) }, () => {
    const width = random() < 0.8 ? headers.length : Math.max(1, headers.length + (random() < 0.5 ? -1 : 1));
    return Array.from({ length: width }, () => field(random, pick(random, CSV_TEXTS))).join(',');
  });
  const text = `${random() < 0.2 ? '\uFEFF' : ''}${[headers.map((h) => field(random, h)).join(','), ...rows].join(end)}${random() < 0.8 ? end : ''}`;
  return { name: `Import-Csv #${seed}`, files: { 'data.csv': text }, pipeline: 'Import-Csv data.csv', output: 'objects' };
}

/** Seeds start apart per template so that adding a template does not change the others' cases. */
export default [
  ...TEMPLATES.flatMap((template, index) => Array.from({ length: template.seeds ?? 10 }, (_, i) => fromTemplate(template, 1000 * (index + 1) + i))),
  ...Array.from({ length: 25 }, (_, i) => csvCase(100 + i)),
] satisfies ConformanceCase[];
