/**
 * Get-CsUser's `-Filter`: a Where-Object style script block over a record's properties, such as
 * `{EnterpriseVoiceEnabled -eq $True -and VoicePolicy -eq $Null}`.
 *
 * Grammar, with PowerShell's precedence (about_Operator_Precedence):
 *
 *     filter     := '{' logical '}' | logical
 *     logical    := comparison (('-and' | '-or' | '-xor') comparison)*   equal precedence, left to right
 *     comparison := unary (COMPARISON value)*
 *     unary      := ('-not' | '!') unary | primary                       binds tighter than -eq
 *     primary    := '(' logical ')' | PROPERTY | $_.Name | $PSItem.Name | literal
 *     value      := ('-not' | '!') unary | '(' logical ')' | $_.Name | literal | BAREWORD
 *
 * So `A -or B -and C` is `(A -or B) -and C`, and `-not A -eq B` is `(-not A) -eq B`, as in
 * PowerShell. Literals are quoted strings, numbers, `$True`, `$False` and `$Null`. A bare word is a
 * property name where an operand starts, and a string after a comparison operator (PowerShell
 * would reject it there; cspin accepts `Enabled -eq True`). A property the record lacks is `$null`.
 */
import { compareValues, toBoolean, type ComparisonOperator } from './compare.js';
import { FilterError } from './filterError.js';
import { tokenize, type Token } from './filterTokens.js';
import { findProperty, isPSObject, type PSObject } from './psobject.js';

export { FilterError } from './filterError.js';

/** Hint added when a comparison lacks an operand: the trace of bash expanding `$True` in "...". */
export const BASH_EXPANSION_HINT = 'bash expanded $True/$False/$Null to nothing: put the filter in single quotes';

type Evaluate = (record: PSObject) => unknown;

/** A parsed operand: how to evaluate it, where it starts, and its value when it is a literal. */
interface Operand {
  evaluate: Evaluate;
  position: number;
  literal?: { value: unknown };
}

const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Compiles a filter expression into a predicate over records.
 * @param text the filter, e.g. `{SipAddress -like "*@contoso.com"}`; the braces are optional
 * @returns a predicate telling whether a record passes the filter
 * @throws FilterError with the 0-based position of the first problem in `text`
 */
export function compileFilter(text: string): (record: Record<string, unknown>) => boolean {
  const expression = new Parser(tokenize(text)).parseFilter();
  return (record) => toBoolean(expression(record));
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  parseFilter(): Evaluate {
    const open = this.peek().kind === 'lbrace' ? this.next() : undefined;
    const { kind } = this.peek();
    if (kind === 'eof' || kind === 'rbrace') throw this.error('expected an expression', this.peek());
    const expression = this.logical();
    if (open !== undefined && !this.accept('rbrace') && this.peek().kind === 'eof') {
      throw this.error(`expected '}' to close the '{' at position ${open.position}`, this.peek());
    }
    if (this.peek().kind !== 'eof') throw this.error(`unexpected ${describe(this.peek())}`, this.peek());
    return expression.evaluate;
  }

  private logical(): Operand {
    let left = this.comparison();
    for (let token = this.peek(); token.kind === 'logical' && token.operator !== 'not'; token = this.peek()) {
      this.next();
      const [l, r, operator] = [left.evaluate, this.comparison().evaluate, token.operator];
      const evaluate: Evaluate =
        operator === 'and'
          ? (record) => toBoolean(l(record)) && toBoolean(r(record))
          : operator === 'or'
            ? (record) => toBoolean(l(record)) || toBoolean(r(record))
            : (record) => toBoolean(l(record)) !== toBoolean(r(record));
      left = { evaluate, position: left.position };
    }
    return left;
  }

  private comparison(): Operand {
    let left = this.unary(false);
    for (let token = this.peek(); token.kind === 'comparison'; token = this.peek()) {
      this.next();
      const next = this.peek();
      const missing = next.kind === 'eof' || next.kind === 'rbrace' || next.kind === 'rparen';
      if (missing || (next.kind === 'logical' && next.operator !== 'not')) {
        throw this.error(`expected a value after ${token.text}; ${BASH_EXPANSION_HINT}`, next);
      }
      left = compare(left, token.operator, this.unary(true));
    }
    return left;
  }

  private unary(valuePosition: boolean): Operand {
    const token = this.peek();
    if (token.kind === 'bang' || (token.kind === 'logical' && token.operator === 'not')) {
      this.next();
      if (['eof', 'rbrace', 'rparen'].includes(this.peek().kind)) {
        throw this.error(`expected an operand after ${token.text}`, this.peek());
      }
      const operand = this.unary(false).evaluate;
      return { evaluate: (record) => !toBoolean(operand(record)), position: token.position };
    }
    return this.primary(valuePosition);
  }

  private primary(valuePosition: boolean): Operand {
    const token = this.next();
    const { position } = token;
    switch (token.kind) {
      case 'lparen': {
        if (this.peek().kind === 'rparen') throw this.error("expected an expression inside '()'", this.peek());
        const inner = this.logical();
        if (!this.accept('rparen')) {
          throw this.error(`expected ')' to close the '(' at position ${position}`, this.peek());
        }
        return { evaluate: inner.evaluate, position };
      }
      case 'string':
      case 'number':
        return literal(token.value, position);
      case 'word':
        if (valuePosition) return literal(token.value, position);
        if (!PROPERTY_NAME.test(token.value)) {
          throw this.error(`expected a property name but found '${token.value}'`, token);
        }
        return property([token.value], position);
      case 'variable':
        return this.variable(token);
      case 'comparison':
        throw this.error(`expected a property or a value before ${token.text}; ${BASH_EXPANSION_HINT}`, token);
      default:
        throw this.error(`expected a property, a value or '(' but found ${describe(token)}`, token);
    }
  }

  private variable(token: Extract<Token, { kind: 'variable' }>): Operand {
    const name = token.name.toLowerCase();
    if (name === '_' || name === 'psitem') return property(token.members, token.position);
    const constants: Record<string, unknown> = { true: true, false: false, null: null };
    if (!Object.hasOwn(constants, name)) {
      throw this.error(`unknown variable $${token.name}: use $True, $False, $Null, $_ or $PSItem`, token);
    }
    if (token.members.length > 0) throw this.error(`$${token.name} has no properties`, token);
    return literal(constants[name], token.position);
  }

  private peek(): Token {
    // The tokenizer always ends with eof, and next() never moves past it.
    return this.tokens[this.index] ?? { kind: 'eof', position: 0, text: '' };
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  private accept(kind: Token['kind']): boolean {
    if (this.peek().kind !== kind) return false;
    this.next();
    return true;
  }

  private error(reason: string, token: Token): FilterError {
    return new FilterError(reason, token.position);
  }
}

function literal(value: unknown, position: number): Operand {
  return { evaluate: () => value, position, literal: { value } };
}

/** `$_` itself (no members) or a chain of case-insensitive property lookups. */
function property(path: string[], position: number): Operand {
  const evaluate: Evaluate = (record) => {
    let value: unknown = record;
    for (const name of path) {
      value = isPSObject(value) ? findProperty(value, name)?.value : undefined;
      if (value === undefined) return null;
    }
    return value;
  };
  return { evaluate, position };
}

function compare(left: Operand, operator: ComparisonOperator, right: Operand): Operand {
  const relocate = (error: unknown): unknown => (error instanceof FilterError ? error.at(right.position) : error);
  // Check a literal pattern now, so a bad -like or -match pattern fails before any record is read.
  if (right.literal !== undefined) {
    try {
      compareValues('', operator, right.literal.value);
    } catch (error) {
      throw relocate(error);
    }
  }
  const evaluate: Evaluate = (record) => {
    try {
      return compareValues(left.evaluate(record), operator, right.evaluate(record));
    } catch (error) {
      throw relocate(error);
    }
  };
  return { evaluate, position: left.position };
}

function describe(token: Token): string {
  return token.kind === 'eof' ? 'the end of the filter' : `'${token.text}'`;
}
