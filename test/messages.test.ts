/**
 * Lint tests over the error id registry and the message tables: each area's ids have their text in
 * that area's src/<area>/messages.ts, a table names only ids of its own area or of the areas below
 * it, and no message text is written inline anywhere else in src/. Nothing here reads a message's
 * wording: tests assert ids.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adminMessages } from '../src/admin/messages.js';
import { cmdletMessages } from '../src/cmdlets/messages.js';
import { coreMessages } from '../src/core/messages.js';
import { directoryMessages } from '../src/directory/messages.js';
import { pinMessages } from '../src/pins/messages.js';
import { ROOT } from './support/shell.js';

const SRC = join(ROOT, 'src');

/** Each area, its table, and the areas below it (whose ids it may word its own way). */
const AREAS = {
  core: { table: coreMessages, below: [] },
  directory: { table: directoryMessages, below: ['core'] },
  pins: { table: pinMessages, below: ['core', 'directory'] },
  cmdlets: { table: cmdletMessages, below: ['core', 'directory', 'pins'] },
  admin: { table: adminMessages, below: ['core', 'directory', 'pins', 'cmdlets'] },
} as const satisfies Record<string, { table: object; below: readonly string[] }>;
type Area = keyof typeof AREAS;

/** Ids that have no text, and why. */
const QUIET: Readonly<Record<string, string>> = {
  FileOpenFailure: 'its text is the system condition\'s (src/core/systemError.ts words it as PermissionDenied, PathNotFound...)',
};

/** The ids an area declares in the interface of its errorIds.ts. */
function idsOf(area: Area): string[] {
  const text = readFileSync(join(SRC, area, 'errorIds.ts'), 'utf8');
  const body = /^export interface \w+ErrorIds \{\n([\s\S]*?)^\}/m.exec(text)?.[1];
  if (body === undefined) throw new Error(`src/${area}/errorIds.ts has no ErrorIds interface`);
  return [...body.matchAll(/^ {2}(\w+):/gm)].map((m) => m[1] ?? '');
}

const IDS = Object.fromEntries((Object.keys(AREAS) as Area[]).map((area) => [area, idsOf(area)])) as Record<Area, string[]>;
const ALL_IDS = new Set(Object.values(IDS).flat());

/** Whether a table entry is a text: a non-empty string, a function, or variants of those. */
function isText(entry: unknown): boolean {
  if (typeof entry === 'string') return entry.trim() !== '';
  if (typeof entry === 'function') return true;
  return typeof entry === 'object' && entry !== null && Object.values(entry).length > 0 && Object.values(entry).every(isText);
}

describe('the message tables', () => {
  it('found every area\'s ids (the parse of errorIds.ts works)', () => {
    for (const area of Object.keys(AREAS) as Area[]) expect(IDS[area].length, area).toBeGreaterThan(3);
    expect(ALL_IDS.size).toBe(Object.values(IDS).flat().length);
  });

  it.each(Object.keys(AREAS) as Area[])('%s: every id has its text in the area\'s table, or is listed as quiet', (area) => {
    const table: Record<string, unknown> = AREAS[area].table;
    const missing = IDS[area].filter((id) => !(id in table) && QUIET[id] === undefined);
    expect(missing).toEqual([]);
    expect(Object.entries(table).filter(([, entry]) => !isText(entry)).map(([id]) => id)).toEqual([]);
  });

  it.each(Object.keys(AREAS) as Area[])('%s: the table names only ids of its area or of the areas below it', (area) => {
    const allowed = new Set([...IDS[area], ...AREAS[area].below.flatMap((below) => IDS[below])]);
    expect(Object.keys(AREAS[area].table).filter((key) => !allowed.has(key))).toEqual([]);
  });

  it('lists as quiet only ids that exist and have no text', () => {
    const tabled = new Set(Object.values(AREAS).flatMap(({ table }) => Object.keys(table)));
    expect(Object.keys(QUIET).filter((id) => !ALL_IDS.has(id))).toEqual([]);
    expect(Object.keys(QUIET).filter((id) => tabled.has(id))).toEqual([]);
  });
});

/** The opening of a text literal: a backtick, a double quote, or a single quote not around a bare word (an id, a category). */
const TEXT = "(?:`|\"|'(?![A-Za-z]\\w*'))";

/** Message text written where a message is made: the places a text belongs in a table instead. */
const INLINE_TEXT: readonly RegExp[] = [
  // An error record's message, a reason, a problem or a row's error given as a literal.
  `\\b(?:message|reason|problem|error):\\s*${TEXT}`,
  // usageError('Id', '...') and usageError(error.errorId, `...`).
  `\\busageError\\(\\s*[\\w.']+\\s*,\\s*${TEXT}`,
  // Helpers that take an id and a text: keyError('PinKeyMissing', '...'), databaseRefusal('Id', 'Category', `...`).
  `\\b\\w+\\(\\s*'[A-Z]\\w+'\\s*,\\s*(?:'[A-Z]\\w+'\\s*,\\s*)?${TEXT}`,
  // Error classes that carry their text: new LdapFilterError(-1, `...`), new UserConflictError(`...`).
  `\\bnew [A-Z]\\w*Error\\((?:[^()\`'"]*,\\s*)?${TEXT}`,
  // Parser failures: this.fail('expected ...'), invalid('...'), unsupported(`...`), tooComplex(`...`).
  `\\b(?:fail|invalid|unsupported|tooComplex)\\(\\s*${TEXT}`,
].map((source) => new RegExp(source, 'g'));

/** Literals that are no message: internal errors (InternalError shows only their kind). */
const NOT_A_MESSAGE = /^new (?:Error|TypeError|RangeError)\(/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .sort();
}

describe('no message text outside the tables', () => {
  it('src/ writes no message, reason or usage error text inline (the tables are src/<area>/messages.ts)', () => {
    const found = sourceFiles(SRC)
      .filter((file) => !/\/messages(?:\.ts$|\/)/.test(file))
      .flatMap((file) => {
        const text = readFileSync(join(ROOT, file), 'utf8');
        return INLINE_TEXT.flatMap((pattern) =>
          [...text.matchAll(pattern)]
            .filter((m) => !NOT_A_MESSAGE.test(m[0]) && !isComment(text, m.index) && namesAnId(m[0]))
            .map((m) => `${file}:${text.slice(0, m.index).split('\n').length}: ${m[0]}`),
        );
      });
    expect(found).toEqual([]);
  });

  it('the scan finds an inline text where there is one (so the test can fail)', () => {
    const sample = "throw usageError('InvalidClock', `CSPIN_NOW is not a time`);\nreturn { problem: 'The site name is empty.' };";
    expect(INLINE_TEXT.flatMap((pattern) => [...sample.matchAll(pattern)]).length).toBeGreaterThanOrEqual(2);
  });
});

/** A call whose first argument is a quoted word is about an error only when that word is an id (not a SQL name). */
function namesAnId(match: string): boolean {
  const first = /^\w+\(\s*'([A-Z]\w+)'/.exec(match)?.[1];
  return first === undefined || ALL_IDS.has(first);
}

/** Whether a match sits in a `//` or `*` comment line (documentation quotes messages). */
function isComment(text: string, index: number): boolean {
  const line = text.slice(text.lastIndexOf('\n', index) + 1, index).trimStart();
  return line.startsWith('//') || line.startsWith('*') || line.startsWith('/*');
}
