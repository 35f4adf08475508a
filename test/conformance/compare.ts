/**
 * The conformance runner's judgement, kept free of processes so that a unit test can check it:
 * what each side gave, whether they are the same, and how a difference is shown.
 */
import type { ConformanceCase } from './case.js';

/** What one side (cspin or PowerShell) gave for a case. */
export interface SideResult {
  /** The output objects (parsed NDJSON), for 'objects'. */
  objects?: readonly unknown[];
  /** stdout / Out-String text, for 'text'. */
  text?: string;
  /** The written file's bytes in base64 (null: no file), for { file }. */
  file?: string | null;
  /** The number of output objects, for 'count'. */
  count?: number;
  /** The error ids, in order. */
  errors: readonly string[];
  /** Why the side could not be run at all (a crash, a timeout): always a difference. */
  failure?: string;
  /** cspin's exit status (shown with a difference). */
  exitCode?: number;
}

/** A case's outcome. */
/**
 * `open`: a difference not fixed yet, listed with its reason in test/conformance/open.ts: reported and
 * counted apart so the run stays usable while the issue that fixes it is open; never a deliberate one.
 */
export type Status = 'same' | 'different' | 'deliberate' | 'open';

/** A case's outcome and, when not the same, what differs. */
export interface Verdict {
  name: string;
  status: Status;
  problems: string[];
  /** A case marked deliberate (or listed as open) whose outputs are now the same: the mark should go. */
  staleDeliberate?: boolean;
}

/**
 * The PowerShell text of a case's pipeline: its `pwsh`, or the bash line with the single quotes that bash
 * needs taken off script blocks, hashtables, $True/$False/$Null and `-Name:$value`.
 * @param item the case
 * @returns the pipeline as PowerShell reads it
 */
export function pwshOf(item: Pick<ConformanceCase, 'pipeline' | 'pwsh'>): string {
  if (item.pwsh !== undefined) return item.pwsh;
  return item.pipeline.replace(/'((?:@?\{[^']*\})|\$(?:true|false|null)|-[A-Za-z]+:\$[A-Za-z]+)'/gi, '$1');
}

/** A JSON object with its properties in the order of the text (a JavaScript object puts integer-like keys first). */
export class Ordered {
  constructor(readonly entries: readonly (readonly [string, unknown])[]) {}
}

const TOKEN = /\s*(?:("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null)|([{}[\],:]))/y;

/**
 * Parses JSON keeping the order of every object's properties.
 * @param text one JSON value
 * @returns the value, objects as {@link Ordered}
 * @throws SyntaxError when the text is not JSON
 */
export function parseOrdered(text: string): unknown {
  let at = 0;
  const next = (): string => {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) throw new SyntaxError(`not JSON at ${at}`);
    at = TOKEN.lastIndex;
    return m[0].trim();
  };
  const parse = (token: string): unknown => {
    if (token === '{') {
      const entries: [string, unknown][] = [];
      let t = next();
      while (t !== '}') {
        const key = JSON.parse(t) as unknown;
        if (typeof key !== 'string' || next() !== ':') throw new SyntaxError(`bad object at ${at}`);
        entries.push([key, parse(next())]);
        t = next();
        if (t === ',') t = next();
      }
      return new Ordered(entries);
    }
    if (token === '[') {
      const items: unknown[] = [];
      let t = next();
      while (t !== ']') {
        items.push(parse(t));
        t = next();
        if (t === ',') t = next();
      }
      return items;
    }
    if (token === '}' || token === ']' || token === ',' || token === ':') throw new SyntaxError(`unexpected ${token} at ${at}`);
    return JSON.parse(token) as unknown;
  };
  const value = parse(next());
  if (text.slice(at).trim() !== '') throw new SyntaxError(`text after the value at ${at}`);
  return value;
}

/**
 * A parsed value as compact JSON, properties in their order.
 * @param value a value from {@link parseOrdered}
 * @returns the JSON text
 */
export function stringifyOrdered(value: unknown): string {
  if (value instanceof Ordered) return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${stringifyOrdered(v)}`).join(',')}}`;
  if (Array.isArray(value)) return `[${value.map(stringifyOrdered).join(',')}]`;
  return JSON.stringify(value) ?? 'undefined';
}

/**
 * Whether two parsed JSON values are the same: objects with the same properties in the same order, numbers by value.
 * @param a one value
 * @param b the other
 * @returns true when they are the same
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  if (!(a instanceof Ordered) || !(b instanceof Ordered)) return false;
  const [left, right] = [a.entries, b.entries];
  return left.length === right.length && left.every(([key, value], i) => right[i]?.[0] === key && sameJson(value, right[i]?.[1]));
}

/**
 * NDJSON text as values; a line that is not JSON stays as its text (so that it shows and differs).
 * @param text NDJSON
 * @returns the values
 */
export function parseNdjson(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return parseOrdered(line);
      } catch {
        return `(not JSON) ${line}`;
      }
    });
}

/**
 * Judges a case from what both sides gave.
 * @param item the case
 * @param name its name in the report (`<area>: <name>`)
 * @param cspin what the bins gave
 * @param pwsh what PowerShell gave
 * @returns the verdict
 */
export function judge(item: ConformanceCase, name: string, cspin: SideResult, pwsh: SideResult, open?: string): Verdict {
  const problems: string[] = [];
  if (cspin.failure !== undefined) problems.push(`cspin could not run: ${cspin.failure}`);
  if (pwsh.failure !== undefined) problems.push(`PowerShell could not run: ${pwsh.failure}`);
  if (problems.length === 0) {
    const output = item.output;
    if (output === 'objects' && !sameJson(cspin.objects ?? [], pwsh.objects ?? [])) problems.push('the output objects differ');
    if (output === 'text' && cspin.text !== pwsh.text) problems.push('the output text differs');
    if (output === 'count' && cspin.count !== pwsh.count) problems.push(`the number of output objects differs (${cspin.count} and ${pwsh.count})`);
    if (typeof output === 'object' && cspin.file !== pwsh.file) problems.push(`the bytes of ${output.file} differ`);
    if (item.errors !== undefined) {
      const expected = JSON.stringify(item.errors);
      if (JSON.stringify(pwsh.errors) !== expected) problems.push(`PowerShell's error ids are not the case's ${expected}`);
      if (JSON.stringify(cspin.errors) !== expected) problems.push(`cspin's error ids are not the case's ${expected}`);
    }
  }
  if (problems.length === 0) return { name, status: 'same', problems, ...((item.deliberate !== undefined || open !== undefined) && { staleDeliberate: true }) };
  if (item.deliberate !== undefined) return { name, status: 'deliberate', problems };
  return { name, status: open === undefined ? 'different' : 'open', problems: open === undefined ? problems : [`open: ${open}`, ...problems] };
}

/** How a side's output shows in a report: one JSON-quoted line each, so spaces and line ends are visible. */
function shown(item: ConformanceCase, side: SideResult): string[] {
  const output = item.output;
  let lines: string[];
  if (side.failure !== undefined) lines = [side.failure];
  else if (output === 'objects') lines = (side.objects ?? []).map(stringifyOrdered);
  else if (output === 'text') lines = (side.text ?? '').split(/(?<=\n)/).map((l) => JSON.stringify(l));
  else if (output === 'count') lines = [String(side.count)];
  else lines = side.file === null || side.file === undefined ? ['(no file)'] : Buffer.from(side.file, 'base64').toString('utf8').split(/(?<=\n)/).map((l) => JSON.stringify(l));
  if (lines.length === 0) lines = ['(nothing)'];
  return [...lines.map((l) => `    ${l}`), `    errors: ${JSON.stringify(side.errors)}${side.exitCode === undefined ? '' : `, exit ${side.exitCode}`}`];
}

/**
 * A difference as the runner prints it: the case, what differs, both pipelines and both outputs.
 * @param item the case
 * @param verdict its verdict
 * @param cspin what the bins gave
 * @param pwsh what PowerShell gave
 * @returns the report text (lines ending with a newline)
 */
export function describe(item: ConformanceCase, verdict: Verdict, cspin: SideResult, pwsh: SideResult): string {
  const head = verdict.status === 'deliberate' ? `DELIBERATE ${verdict.name} (${item.deliberate ?? ''})` : `${verdict.status.toUpperCase()} ${verdict.name}`;
  const lines = [
    head,
    ...verdict.problems.map((p) => `  ${p}`),
    ...(item.input === undefined ? [] : [`  input: ${item.input.join(' ')}`]),
    ...Object.entries(item.files ?? {}).map(([file, text]) => `  file ${file}: ${JSON.stringify(text)}`),
    `  cspin:      ${item.pipeline}`,
    ...shown(item, cspin),
    `  PowerShell: ${pwshOf(item)}`,
    ...shown(item, pwsh),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * The summary line.
 * @param verdicts every case's verdict
 * @returns `N cases, N same, N different, N deliberate, N open`
 */
export function summary(verdicts: readonly Verdict[]): string {
  const count = (status: Status) => verdicts.filter((v) => v.status === status).length;
  return `${verdicts.length} cases, ${count('same')} same, ${count('different')} different, ${count('deliberate')} deliberate, ${count('open')} open`;
}
