/**
 * PowerShell hashtable literals as a bash argument gives them: `@{Name="Sip"; Expression={$_.SipAddress}}`.
 * Calculated properties (Select-Object) and order entries (Sort-Object) are such hashtables; bash has
 * none, so the text is parsed here. Values are what these hashtables hold: quoted strings, numbers,
 * `$true`/`$false`/`$null` and script blocks, whose body is kept as text for the expression language
 * (filterScript.ts compileExpression). Anything else (a bare word, which PowerShell would run as a
 * command) is refused with a reason, before any record is read.
 *
 * {@link resolveHashtable} then checks the keys the way PowerShell's MshParameter does: any
 * case-insensitive prefix of a key or of its other names, with PowerShell's error ids.
 */
import { echo } from './echo.js';
import { usageError } from './errors.js';
import { coreMessages } from './messages.js';
import type { ErrorId } from './errorIds.js';

/** A value of a hashtable literal, as written. */
export type HashtableValue =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  /** `{...}`: text is the whole block with its braces, body what is between them. */
  | { kind: 'scriptBlock'; text: string; body: string };

/** The kind of a hashtable value. */
export type HashtableValueKind = HashtableValue['kind'];

/** One `key = value` of a literal, the key as written. */
export interface HashtableEntry {
  key: string;
  value: HashtableValue;
}

/** A parsed hashtable literal. */
export interface HashtableLiteral {
  readonly kind: 'hashtable';
  /** The literal as the user wrote it (for messages, through echo()). */
  readonly text: string;
  readonly entries: readonly HashtableEntry[];
}

/** A key a cmdlet's hashtables take (PowerShell's HashtableEntryDefinition). */
export interface HashtableKey {
  /** The key's name, e.g. `Expression`; any case-insensitive prefix of it matches. */
  name: string;
  /** Other names of the same key, e.g. `Label` for `Name`. */
  aliases?: readonly string[];
  /** The value kinds it takes. */
  kinds: readonly Exclude<HashtableValueKind, 'null'>[];
  mandatory?: boolean;
}

const TYPE_NAMES: Readonly<Record<HashtableValueKind, string>> = {
  string: 'System.String',
  number: 'System.Int32',
  boolean: 'System.Boolean',
  null: 'null',
  scriptBlock: 'System.Management.Automation.ScriptBlock',
};

const BARE_KEY = /[A-Za-z_][\w-]*/y;
const NUMBER = /-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?(?![\w.])/iy;
const VARIABLE = /\$(true|false|null)(?!\w)/iy;
// What a double-quoted string's backtick escapes stand for; any other character stands for itself.
const ESCAPES: Readonly<Record<string, string>> = { '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/**
 * Whether an argument is written as a hashtable literal.
 * @param text a command-line argument or list element
 * @returns true when it starts with `@{`
 */
export function isHashtableLiteral(text: string): boolean {
  return text.trimStart().startsWith('@{');
}

/**
 * Parses a hashtable literal.
 * @param text e.g. `@{n='Sip';e={$_.SipAddress}}`
 * @returns its entries, in order
 * @throws TerminatingError (usage) with PowerShell's parser ids: MissingEndCurlyBrace,
 *   MissingEqualsInHashLiteral, MissingStatementInHashLiteral, UnexpectedToken, or
 *   UnsupportedHashtableValue for a value cspin does not evaluate
 */
export function parseHashtableLiteral(text: string): HashtableLiteral {
  return { kind: 'hashtable', text, entries: new LiteralParser(text).parse() };
}

class LiteralParser {
  private i = 0;

  constructor(private readonly text: string) {}

  parse(): HashtableEntry[] {
    this.space(true);
    if (!this.text.startsWith('@{', this.i)) this.fail('UnexpectedToken', coreMessages.UnexpectedToken.notAHashtable(this.i, this.text));
    this.i += 2;
    const entries: HashtableEntry[] = [];
    for (;;) {
      this.separators();
      if (this.i >= this.text.length) this.fail('MissingEndCurlyBrace', coreMessages.MissingEndCurlyBrace.hashtable(this.i, this.text));
      if (this.text[this.i] === '}') break;
      const key = this.key();
      this.space(false);
      if (this.text[this.i] !== '=') this.fail('MissingEqualsInHashLiteral', coreMessages.MissingEqualsInHashLiteral.afterKey(this.i, this.text, key));
      this.i++;
      this.space(true);
      const next = this.text[this.i];
      if (next === undefined || next === '}' || next === ';') this.fail('MissingStatementInHashLiteral', coreMessages.MissingStatementInHashLiteral(this.i, this.text, key));
      entries.push({ key, value: this.value(key) });
      this.space(false);
      const after = this.text[this.i];
      if (after !== undefined && after !== ';' && after !== '}' && after !== '\n' && after !== '\r') {
        this.fail('UnexpectedToken', coreMessages.UnexpectedToken.afterValue(this.i, this.text));
      }
    }
    this.i++;
    this.space(true);
    if (this.i < this.text.length) this.fail('UnexpectedToken', coreMessages.UnexpectedToken.afterHashtable(this.i, this.text));
    return entries;
  }

  private key(): string {
    const ch = this.text[this.i];
    if (ch === "'" || ch === '"') return this.string();
    const word = this.sticky(BARE_KEY) ?? this.sticky(NUMBER);
    if (word === undefined) this.fail('MissingEqualsInHashLiteral', coreMessages.MissingEqualsInHashLiteral.noKey(this.i, this.text));
    return word;
  }

  private value(key: string): HashtableValue {
    const ch = this.text[this.i];
    if (ch === "'" || ch === '"') return { kind: 'string', value: this.string() };
    if (ch === '{') return this.scriptBlock();
    const variable = this.sticky(VARIABLE);
    if (variable !== undefined) {
      const name = variable.slice(1).toLowerCase();
      return name === 'null' ? { kind: 'null' } : { kind: 'boolean', value: name === 'true' };
    }
    const number = this.sticky(NUMBER);
    if (number !== undefined) return { kind: 'number', value: Number(number) };
    const word = /[^\s;}]*/y;
    const found = this.sticky(word) ?? '';
    return this.fail('UnsupportedHashtableValue', coreMessages.UnsupportedHashtableValue(this.i, this.text, key, found));
  }

  /** A quoted string: '' escapes ' in single quotes; "" and backtick escapes in double quotes. */
  private string(): string {
    const quote = this.text[this.i] ?? '';
    const start = this.i;
    let value = '';
    for (this.i++; this.i < this.text.length; this.i++) {
      const ch = this.text[this.i] ?? '';
      if (ch === quote) {
        if (this.text[this.i + 1] !== quote) {
          this.i++;
          return value;
        }
        value += ch;
        this.i++;
      } else if (ch === '`' && quote === '"' && this.i + 1 < this.text.length) {
        const next = this.text[++this.i] ?? '';
        value += ESCAPES[next] ?? next;
      } else {
        value += ch;
      }
    }
    this.i = start;
    return this.fail('TerminatorExpectedAtEndOfString', coreMessages.TerminatorExpectedAtEndOfString(this.i, this.text, quote));
  }

  /** `{...}`: up to the matching brace, skipping braces inside quoted strings. */
  private scriptBlock(): HashtableValue {
    const start = this.i;
    const end = scriptBlockEnd(this.text, start);
    if (end < 0) this.fail('MissingEndCurlyBrace', coreMessages.MissingEndCurlyBrace.scriptBlock(this.i, this.text));
    this.i = end;
    return { kind: 'scriptBlock', text: this.text.slice(start, end), body: this.text.slice(start + 1, end - 1) };
  }

  private separators(): void {
    while (this.i < this.text.length && /[\s;]/.test(this.text[this.i] ?? '')) this.i++;
  }

  private space(newlines: boolean): void {
    const blank = newlines ? /\s/ : /[ \t]/;
    while (this.i < this.text.length && blank.test(this.text[this.i] ?? '')) this.i++;
  }

  private sticky(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.i;
    const match = pattern.exec(this.text);
    if (!match || match[0] === '') return undefined;
    this.i += match[0].length;
    return match[0];
  }

  private fail(errorId: ErrorId, message: string): never {
    throw usageError(errorId, message, echo(this.text));
  }
}

/**
 * Where the script block that opens at `start` ends.
 * @param text the text
 * @param start the index of its `{`
 * @returns the index just after its matching `}`, or -1 when it is not closed
 */
export function scriptBlockEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      i = quotedEnd(text, i) - 1;
      if (i < 0) return -1;
    } else if (ch === '{') {
      depth++;
    } else if (ch === '}' && --depth === 0) {
      return i + 1;
    }
  }
  return -1;
}

/**
 * Where the quoted string that opens at `start` ends (a doubled quote stays inside; in double
 * quotes a backtick escapes the next character).
 * @param text the text
 * @param start the index of its opening quote
 * @returns the index just after its closing quote, or 0 when it is not closed
 */
export function quotedEnd(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '`' && quote === '"') i++;
    else if (ch === quote) {
      if (text[i + 1] !== quote) return i + 1;
      i++;
    }
  }
  return 0;
}

/**
 * Checks a literal's keys against what the cmdlet takes, as PowerShell's MshParameter does: a key is
 * any case-insensitive prefix of a key's name or other names; values must be of the key's kinds.
 * @param table the parsed literal
 * @param keys the keys the cmdlet takes
 * @returns the values by canonical key name (as given in `keys`)
 * @throws TerminatingError (usage): DictionaryKeyIllegal, DictionaryKeyAmbiguous, DictionaryKeyDuplicate,
 *   DictionaryKeyMissingValue, DictionaryKeyIllegalValue1/2, DictionaryKeyMandatoryEntry
 */
export function resolveHashtable(table: HashtableLiteral, keys: readonly HashtableKey[]): Map<string, HashtableValue> {
  const fail = (errorId: ErrorId, message: string) => usageError(errorId, message, echo(table.text));
  const text = table.text;
  const values = new Map<string, HashtableValue>();
  for (const { key, value } of table.entries) {
    const hits = keys.filter((k) => [k.name, ...(k.aliases ?? [])].some((name) => isPrefix(key, name)));
    const [hit, other] = hits;
    if (hit === undefined) throw fail('DictionaryKeyIllegal', coreMessages.DictionaryKeyIllegal(key, text));
    if (other !== undefined) {
      throw fail('DictionaryKeyAmbiguous', coreMessages.DictionaryKeyAmbiguous(key, hit.name.toLowerCase(), other.name.toLowerCase(), text));
    }
    if (values.has(hit.name)) throw fail('DictionaryKeyDuplicate', coreMessages.DictionaryKeyDuplicate(key, hit.name.toLowerCase(), text));
    if (value.kind === 'null') throw fail('DictionaryKeyMissingValue', coreMessages.DictionaryKeyMissingValue(key, text));
    if (!hit.kinds.includes(value.kind)) {
      const expected = hit.kinds.map((kind) => TYPE_NAMES[kind]);
      const actual = value.kind === 'number' && !Number.isInteger(value.value) ? 'System.Double' : TYPE_NAMES[value.kind];
      throw expected.length > 1
        ? fail('DictionaryKeyIllegalValue1', coreMessages.DictionaryKeyIllegalValue1(key, actual, expected, text))
        : fail('DictionaryKeyIllegalValue2', coreMessages.DictionaryKeyIllegalValue2(key, actual, expected, text));
    }
    values.set(hit.name, value);
  }
  for (const key of keys) {
    if (key.mandatory && !values.has(key.name)) throw fail('DictionaryKeyMandatoryEntry', coreMessages.DictionaryKeyMandatoryEntry(key.name.toLowerCase(), text));
  }
  return values;
}

function isPrefix(typed: string, name: string): boolean {
  return typed.length > 0 && typed.length <= name.length && name.slice(0, typed.length).toLowerCase() === typed.toLowerCase();
}

// Where these types lived at first (branches that merged early import them from here).
export type { PropertyArgument, ScriptBlockLiteral } from './propertyType.js';
