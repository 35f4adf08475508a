/**
 * The ActiveDirectory module's -Filter language (Get-ADUser -Filter, about_ActiveDirectory_Filter)
 * parsed into the LDAP filter AST: `Department -eq "Finance" -and Title -like "Man*"` is
 * `(&(department=Finance)(title=Man*))`. Unlike PowerShell's own -and and -or, which are equal and
 * read left to right, the module gives -and the higher precedence, as its documentation says: `a
 * -or b -and c` is `a -or (b -and c)`. -not and `!` bind tighter than both.
 */
import type { LdapFilter } from './ldap/ast.js';
import { MAX_FILTER_DEPTH } from './ldap/parse.js';
import { AD_COMPARISONS, comparisonFilter, type AdComparison, type AdValue } from './adFilterItems.js';
import { adFilterError, tokenizeAdFilter, type AdFilterErrorId, type AdToken } from './adFilterTokens.js';
import { directoryMessages } from './messages.js';

const TEXTS = directoryMessages.InvalidAdFilter;

/** `*`: every object, the absolute true filter (RFC 4526). */
const EVERYTHING: LdapFilter = { type: 'and', filters: [] };

// An LDAP attribute description (RFC 4512 descr); Get-ADUser's property names are of the same form.
const PROPERTY = /^[A-Za-z][A-Za-z0-9-]*$/;
// PowerShell operators that only Where-Object evaluates: the module's parser refuses them.
const WHERE_OPERATORS = /^(?:[ci](?:eq|ne|gt|ge|lt|le|like|notlike)|[ci]?(?:match|notmatch|contains|notcontains|in|notin|replace)|is|isnot|as|xor|split|join|f)$/;

/**
 * Parses a -Filter expression such as `Department -eq "Finance" -and Title -like "Man*"`, `{Name -eq
 * 'Ken Myer'}` or `*`.
 * @param text the filter as given
 * @returns the LDAP filter it stands for
 * @throws TerminatingError, a usage error: InvalidAdFilter for a filter that does not parse (the
 *   message names the position and the reason), FilterTooDeep for one nested past the limit
 */
export function parseAdFilter(text: string): LdapFilter {
  return new AdFilterParser(text, tokenizeAdFilter(text)).parseAll();
}

class AdFilterParser {
  private index = 0;
  /** Index of the token that ends the filter: `eof`, or the `}` of a script-block form. */
  private end: number;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly AdToken[],
  ) {
    this.end = tokens.length - 1;
  }

  parseAll(): LdapFilter {
    const first = this.peek();
    if (first.kind === 'lbrace') this.unwrapBraces(first);
    const body = this.tokens.slice(this.index, this.end);
    if (body.length === 0) this.fail(TEXTS.empty, this.peek().position);
    if (body.length === 1 && body[0]?.kind === 'word' && body[0].value === '*') return EVERYTHING;
    const filter = this.parseJoin('or', 0);
    if (this.index < this.end) this.fail(this.peek().kind === 'rparen' ? TEXTS.unexpectedText(')') : this.found(TEXTS.expectedJoin));
    if (depthOf(filter) >= MAX_FILTER_DEPTH) this.fail(directoryMessages.FilterTooDeep(MAX_FILTER_DEPTH), -1, 'FilterTooDeep');
    return filter;
  }

  /** `{ ... }`, the script-block form: the filter is what the braces hold, and nothing may follow them. */
  private unwrapBraces(open: AdToken): void {
    const close = this.tokens.findIndex((token) => token.kind === 'rbrace');
    if (close < 0) this.fail(TEXTS.unclosedBrace(open.position), this.text.length);
    const after = this.tokens[close + 1];
    if (after !== undefined && after.kind !== 'eof') this.fail(TEXTS.afterBrace, after.position);
    this.index = 1;
    this.end = close;
  }

  /** `a -or b ...` of `-and`s, `a -and b ...` of unary terms: -and binds tighter. */
  private parseJoin(type: 'or' | 'and', depth: number): LdapFilter {
    const operand = (): LdapFilter => (type === 'or' ? this.parseJoin('and', depth) : this.parseUnary(depth));
    const parts = [operand()];
    while (this.isOperator(type)) {
      this.index++;
      parts.push(operand());
    }
    return joined(type, parts);
  }

  private parseUnary(depth: number): LdapFilter {
    const token = this.peek();
    if (token.kind === 'bang' || this.isOperator('not')) {
      this.checkDepth(depth);
      this.index++;
      return { type: 'not', filter: this.parseUnary(depth + 1) };
    }
    if (token.kind === 'lparen') {
      this.checkDepth(depth);
      this.index++;
      const inner = this.parseJoin('or', depth + 1);
      if (this.peek().kind !== 'rparen') this.fail(this.found(TEXTS.unclosedParenthesis(token.position)));
      this.index++;
      return inner;
    }
    return this.parseComparison();
  }

  /** `<property> <operator> <value>`. */
  private parseComparison(): LdapFilter {
    const property = this.peek();
    if (property.kind === 'variable') this.failVariable(property);
    if (property.kind !== 'word' || !PROPERTY.test(property.value)) this.fail(this.found(TEXTS.expectedProperty));
    this.index++;
    const operator = this.peek();
    if (operator.kind !== 'operator') this.fail(this.found(TEXTS.expectedOperator(property.value)));
    const comparisonOperator = this.comparisonOperator(operator, property.value);
    this.index++;
    const valueToken = this.peek();
    const value = this.valueOf(valueToken, operator.text);
    this.index++;
    const fail = (reason: string, position: number): never => this.fail(reason, position);
    const comparison = { property: property.value, operator: comparisonOperator, operatorText: operator.text, operatorPosition: operator.position };
    return comparisonFilter({ ...comparison, value, valuePosition: valueToken.position }, fail);
  }

  /** The comparison an operator token is; an operator -Filter does not take is refused, saying why. */
  private comparisonOperator(token: AdToken & { kind: 'operator' }, property: string): AdComparison {
    const { name } = token;
    const comparison = AD_COMPARISONS.find((known) => known === name);
    if (comparison !== undefined) return comparison;
    if (name === 'recursivematch') this.fail(TEXTS.recursiveMatch, token.position);
    if (WHERE_OPERATORS.test(name)) this.fail(TEXTS.whereOperator(token.text), token.position);
    if (name === 'and' || name === 'or' || name === 'not') this.fail(this.found(TEXTS.expectedOperator(property)));
    return this.fail(TEXTS.unknownOperator(token.text), token.position);
  }

  private valueOf(token: AdToken, operator: string): AdValue {
    switch (token.kind) {
      case 'string':
        return { kind: 'text', text: token.value, quoted: true };
      case 'word':
        return { kind: 'text', text: token.value, quoted: false };
      case 'variable':
        if (token.text.toLowerCase() === '$true' || token.text.toLowerCase() === '$false') return { kind: 'boolean', value: token.name === 'true' };
        if (token.text.toLowerCase() === '$null') return { kind: 'null' };
        return this.failVariable(token);
      default: {
        // A value missing before the end or a join is what bash leaves of "... -eq $true ...".
        const expanded = token.kind !== 'lparen' && token.kind !== 'bang' && (token.kind !== 'operator' || token.name === 'and' || token.name === 'or');
        return this.fail(this.found(TEXTS.expectedValue(operator)) + (expanded ? TEXTS.bashExpansion : ''));
      }
    }
  }

  private failVariable(token: AdToken & { kind: 'variable' }): never {
    const current = token.name === '_' || token.name === 'psitem';
    return this.fail(current ? TEXTS.currentObject(token.name) : TEXTS.variable(token.text.slice(1)), token.position);
  }

  private checkDepth(depth: number): void {
    if (depth >= MAX_FILTER_DEPTH) this.fail(directoryMessages.FilterTooDeep(MAX_FILTER_DEPTH), this.peek().position, 'FilterTooDeep');
  }

  private isOperator(name: string): boolean {
    const token = this.peek();
    return token.kind === 'operator' && token.name === name;
  }

  /** The current token, or the one that ends the filter once past it. */
  private peek(): AdToken {
    const token = this.tokens[Math.min(this.index, this.end)];
    if (token === undefined) throw new RangeError('no token');
    return token;
  }

  /** A reason that names what stands at the current token. */
  private found(expected: string): string {
    const token = this.peek();
    return TEXTS.found(expected, this.index >= this.end || token.kind === 'eof' ? TEXTS.endOfFilter : TEXTS.token(token.text));
  }

  private fail(reason: string, position = this.peek().position, errorId: AdFilterErrorId = 'InvalidAdFilter'): never {
    throw adFilterError(this.text, position, reason, errorId);
  }
}

/** `a -and b` as one `(&...)`; the parts that are already `(&...)` are merged into it (likewise `-or`). */
function joined(type: 'and' | 'or', parts: readonly LdapFilter[]): LdapFilter {
  const [only] = parts;
  if (parts.length === 1 && only !== undefined) return only;
  return { type, filters: parts.flatMap((part) => (part.type === type ? part.filters : [part])) };
}

/** How deep the tree nests: a comparison's expansion (Enabled's four levels) adds to the parentheses. */
function depthOf(filter: LdapFilter): number {
  if (filter.type === 'and' || filter.type === 'or') return 1 + filter.filters.reduce((deepest, child) => Math.max(deepest, depthOf(child)), 0);
  return filter.type === 'not' ? 1 + depthOf(filter.filter) : 0;
}
