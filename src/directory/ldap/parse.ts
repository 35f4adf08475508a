/**
 * LDAP filter parser: RFC 4515, plus what AD tools accept (a filter without its outer parentheses,
 * whitespace around the whole filter and between the parts of `&`/`|`/`!`, and RFC 1960's `\*`
 * style escapes). Positions in errors index the text exactly as the user typed it.
 */
import {
  MATCHING_RULE_BIT_AND,
  MATCHING_RULE_BIT_OR,
  type LdapFilter,
  type LdapItem,
} from './ast.js';
import { directoryMessages } from '../messages.js';
import { LdapFilterError, type LdapFilterErrorId } from './errors.js';

/**
 * How deep `(&`, `(|` and `(!` may nest: far above what anyone writes, and well below what the
 * recursive parser, compiler and printer, and SQLite's expression depth (1000), can take.
 */
export const MAX_FILTER_DEPTH = 100;

// Sticky patterns read at `pos`: slicing the rest of the text for each item would copy it again and again.
const ATTRIBUTE = /[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)*/y;
const OPTIONS = /;[A-Za-z0-9;-]*/y;
const RULE = /[A-Za-z0-9.-]*/y;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A value split at its unescaped `*`s; each part is decoded. */
interface RawValue {
  readonly parts: string[];
  readonly start: number;
  /** Position of the first unescaped `*`, if any. */
  readonly star: number | undefined;
}

/**
 * Parses an LDAP filter such as `(&(objectClass=user)(Title=Manager))` or the bare `Title=Manager`.
 * @throws LdapFilterError when the text is not a filter this directory can evaluate.
 */
export function parseLdapFilter(text: string): LdapFilter {
  return new Parser(text).parseAll();
}

class Parser {
  private pos = 0;
  private readonly end: number;

  constructor(private readonly text: string) {
    let end = text.length;
    while (end > 0 && isSpace(text[end - 1])) end--;
    this.end = end;
  }

  parseAll(): LdapFilter {
    this.skipSpaces();
    if (this.pos >= this.end) this.fail(directoryMessages.InvalidLdapFilter.expectedFilter, this.text.length);
    // AD tools accept the filter without its outer parentheses: parse the inside up to the end.
    const filter = this.peek() === '(' ? this.parseFilter(0) : this.parseComponent(0, true);
    if (this.pos < this.end) this.fail(directoryMessages.InvalidLdapFilter.expectedEnd);
    return filter;
  }

  private parseFilter(depth: number): LdapFilter {
    if (depth >= MAX_FILTER_DEPTH) {
      this.fail(directoryMessages.FilterTooDeep(MAX_FILTER_DEPTH), this.pos, undefined, 'FilterTooDeep');
    }
    this.expect('(');
    const filter = this.parseComponent(depth, false);
    this.expect(')');
    return filter;
  }

  /** The inside of a filter; `bare` means it was not wrapped in parentheses, so it ends at the end. */
  private parseComponent(depth: number, bare: boolean): LdapFilter {
    const ch = this.peek();
    if (ch === '&' || ch === '|') {
      this.pos++;
      const filters: LdapFilter[] = [];
      for (this.skipSpaces(); this.peek() === '('; this.skipSpaces()) filters.push(this.parseFilter(depth + 1));
      if (bare ? this.pos < this.end : this.peek() !== ')') this.fail(directoryMessages.InvalidLdapFilter.expectedNext(bare));
      return { type: ch === '&' ? 'and' : 'or', filters };
    }
    if (ch === '!') {
      this.pos++;
      this.skipSpaces();
      if (this.peek() !== '(') this.fail(directoryMessages.InvalidLdapFilter.expectedAfterNot);
      const filter = this.parseFilter(depth + 1);
      this.skipSpaces();
      return { type: 'not', filter };
    }
    return this.parseItem();
  }

  private parseItem(): LdapItem {
    const attribute = this.parseAttribute();
    const opStart = this.pos;
    const ch = this.peek();
    if (ch === ':') return this.parseExtensible(attribute);
    if (ch === '=') {
      this.pos++;
      return this.itemFromParts(attribute, this.parseValue());
    }
    if ((ch === '~' || ch === '>' || ch === '<') && this.text[this.pos + 1] === '=') {
      this.pos += 2;
      const value = this.single(this.parseValue());
      return { type: ch === '~' ? 'approx' : ch === '>' ? 'greaterOrEqual' : 'lessOrEqual', attribute, value };
    }
    this.pos = opStart;
    return this.fail(directoryMessages.InvalidLdapFilter.expectedOperator);
  }

  /** `attr`, `attr-with-dashes` or a numeric OID such as `2.5.4.3`; options (`;binary`) are refused. */
  private parseAttribute(): string {
    const name = this.sticky(ATTRIBUTE);
    if (name === '') {
      if (this.peek() === ':') this.fail(directoryMessages.InvalidLdapFilter.ruleWithoutAttribute);
      this.fail(directoryMessages.InvalidLdapFilter.expectedAttribute);
    }
    this.pos += name.length;
    if (this.peek() === ';') this.fail(directoryMessages.InvalidLdapFilter.attributeOptions(this.sticky(OPTIONS)));
    return name;
  }

  /**
   * `attr:=v` (no rule: equality), `attr:1.2.840.113556.1.4.803:=N` and `...804`. `:dn:` is ignored,
   * as AD does; other rules are refused.
   */
  private parseExtensible(attribute: string): LdapItem {
    let ruleStart = ++this.pos;
    let rule = this.sticky(RULE);
    const dnAttributes = rule.toLowerCase() === 'dn' && this.text[this.pos + 2] === ':';
    if (dnAttributes) {
      this.pos += 3;
      ruleStart = this.pos;
      rule = this.sticky(RULE);
    }
    if (rule === '' && this.peek() === '=') {
      this.pos++;
      return { type: 'equality', attribute, value: this.single(this.parseValue()), extensible: { dnAttributes } };
    }
    if (rule === '') this.fail(directoryMessages.InvalidLdapFilter.ruleWithoutOid, ruleStart);
    if (rule !== MATCHING_RULE_BIT_AND && rule !== MATCHING_RULE_BIT_OR) {
      this.fail(directoryMessages.InvalidLdapFilter.unsupportedRule(rule, MATCHING_RULE_BIT_AND, MATCHING_RULE_BIT_OR), ruleStart);
    }
    this.pos += rule.length;
    if (this.peek() !== ':' || this.text[this.pos + 1] !== '=') this.fail(directoryMessages.InvalidLdapFilter.expectedRuleEnd);
    this.pos += 2;
    const raw = this.parseValue();
    const text = this.single(raw);
    const value = Number(text);
    if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value)) {
      this.fail(directoryMessages.InvalidLdapFilter.expectedInteger, raw.start, directoryMessages.InvalidLdapFilter.character(text));
    }
    return { type: rule === MATCHING_RULE_BIT_AND ? 'bitwiseAnd' : 'bitwiseOr', attribute, value, ...(dnAttributes ? { dnAttributes } : {}) };
  }

  /** Equality, presence or substrings, depending on the unescaped `*`s. */
  private itemFromParts(attribute: string, raw: RawValue): LdapItem {
    const parts = raw.parts;
    if (parts.length === 1) return { type: 'equality', attribute, value: parts[0] ?? '' };
    const initial = parts[0] || undefined;
    const final = parts[parts.length - 1] || undefined;
    // Empty middle parts (`a**b`) add nothing to the match, so they are dropped.
    const any = parts.slice(1, -1).filter((part) => part !== '');
    if (initial === undefined && final === undefined && any.length === 0) return { type: 'present', attribute };
    return { type: 'substrings', attribute, initial, any, final };
  }

  /** Rejects the `*` that only substring filters may contain. */
  private single(raw: RawValue): string {
    if (raw.star === undefined) return raw.parts[0] ?? '';
    this.fail(directoryMessages.InvalidLdapFilter.unexpectedStar, raw.star);
  }

  /** Reads a value up to `)` (or the end); escaped bytes decode as UTF-8. */
  private parseValue(): RawValue {
    const start = this.pos;
    let star: number | undefined;
    const parts: string[] = [];
    let current = '';
    let bytes: number[] = [];
    let bytesStart = start;
    const flush = (): void => {
      if (bytes.length === 0) return;
      try {
        current += utf8.decode(new Uint8Array(bytes));
      } catch {
        this.fail(directoryMessages.InvalidLdapFilter.notUtf8, bytesStart, directoryMessages.InvalidLdapFilter.character(this.text.slice(bytesStart, this.pos)));
      }
      bytes = [];
    };
    while (this.pos < this.end && this.peek() !== ')') {
      const ch = this.text[this.pos] ?? '';
      if (ch === '\\') {
        const hex = this.text.slice(this.pos + 1, this.pos + 3);
        const next = this.text[this.pos + 1] ?? '';
        if (bytes.length === 0) bytesStart = this.pos;
        if (/^[0-9A-Fa-f]{2}$/.test(hex) && this.pos + 3 <= this.end) {
          bytes.push(parseInt(hex, 16));
          this.pos += 3;
          continue;
        }
        flush();
        if ('*()\\'.includes(next) && next !== '' && this.pos + 2 <= this.end) {
          current += next; // RFC 1960 escape, still accepted by AD
          this.pos += 2;
          continue;
        }
        this.fail(directoryMessages.InvalidLdapFilter.invalidEscape(this.text.slice(this.pos, this.pos + 3)));
      }
      flush();
      if (ch === '(') this.fail(directoryMessages.InvalidLdapFilter.unexpectedParenthesis);
      if (ch === '*') {
        star ??= this.pos;
        parts.push(current);
        current = '';
      } else {
        current += ch;
      }
      this.pos++;
    }
    flush();
    parts.push(current);
    return { parts, start, star };
  }

  private expect(ch: string): void {
    if (this.peek() !== ch) this.fail(directoryMessages.InvalidLdapFilter.expected(ch));
    this.pos++;
  }

  private peek(): string | undefined {
    return this.pos < this.end ? this.text[this.pos] : undefined;
  }

  private skipSpaces(): void {
    while (this.pos < this.end && isSpace(this.text[this.pos])) this.pos++;
  }

  /** The match of a sticky pattern at the current position, never past the end ('' when none). */
  private sticky(pattern: RegExp): string {
    pattern.lastIndex = this.pos;
    const match = pattern.exec(this.text)?.[0] ?? '';
    return match.slice(0, Math.max(0, this.end - this.pos));
  }

  /** Throws, naming what was found at the position. */
  private fail(expected: string, position = this.pos, found = this.describe(position), errorId?: LdapFilterErrorId): never {
    const reason = expected.startsWith('expected ') ? directoryMessages.InvalidLdapFilter.found(expected, found) : expected;
    throw new LdapFilterError(position, reason, errorId);
  }

  private describe(position: number): string {
    if (position >= this.end) return directoryMessages.InvalidLdapFilter.endOfInput;
    // Control characters are shown escaped so the message stays on one line.
    return directoryMessages.InvalidLdapFilter.character(this.text[position] ?? '');
  }
}

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}
