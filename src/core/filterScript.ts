/**
 * Get-CsUser's `-Filter`: a Where-Object style script block over a record's properties, such as
 * `{EnterpriseVoiceEnabled -eq $True -and VoicePolicy -eq $Null}`.
 *
 * Grammar, with PowerShell's precedence (about_Operator_Precedence):
 *
 *     filter     := '{' logical '}' | logical
 *     logical    := comparison (('-and' | '-or' | '-xor') comparison)*   equal precedence, left to right
 *     comparison := unary (COMPARISON value)*       COMPARISON: -eq ... -match, -contains -notcontains -in -notin
 *     unary      := ('-not' | '!') unary | list                          binds tighter than -eq
 *     list       := primary (',' primary)*                               binds tighter than -not
 *     primary    := '(' logical ')' | '@(' logical? ')' | PROPERTY | $_.Name | $PSItem.Name | literal
 *     value      := ('-not' | '!') unary | list of '(' logical ')', $_.Name, literal or BAREWORD
 *
 * So `A -or B -and C` is `(A -or B) -and C`, and `-not A -eq B` is `(-not A) -eq B`, as in
 * PowerShell. Literals are quoted strings, numbers, `$True`, `$False` and `$Null`. A bare word is a
 * property name where an operand starts, and a string after a comparison operator (PowerShell
 * would reject it there; cspin accepts `Enabled -eq True`). A property the record lacks is `$null`.
 *
 * What the language does not have is refused before any record is read, never read as `$null`:
 * member access below a property (`$_.DisplayName.Length`), method calls, indexing, casts and
 * commands. Parentheses and -not nest at most MAX_FILTER_NESTING deep; chains of -and/-or and of
 * comparisons are evaluated in a loop, so a filter of any width runs in constant stack.
 */
import { isTrue, toBoolean, type DeclaredType } from './compare.js';
import { applyOperator, type FilterOperator } from './containment.js';
import { ComparisonFailure, ConversionFailure, FilterError, MAX_FILTER_NESTING, conversionMessage } from './filterError.js';
import { arrayOf, commandWord, describe, literal, nestedMember, property, self, unsupportedWord, type Evaluate, type Operand } from './filterOperands.js';
import { apply, fold, type Step } from './filterSteps.js';
import { tokenize, type Token } from './filterTokens.js';
import { coreMessages } from './messages.js';
import type { PSObject } from './psobject.js';

export { ComparisonFailure, FilterError, MAX_FILTER_NESTING } from './filterError.js';

/** Hint added when a comparison lacks an operand: the trace of bash expanding `$True` in "...". */
export const BASH_EXPANSION_HINT = coreMessages.InvalidFilter.bashExpansion;

/** The declared type of a record's property, when the caller knows the record's type. */
export type PropertyTypes = (record: unknown, property: string) => DeclaredType | undefined;

/** Options of {@link compileFilter}. */
export interface FilterOptions {
  /** Declared property types: a `$null` date or boolean still refuses a value of another type. */
  propertyTypes?: PropertyTypes;
  /** A script block's own rules (ForEach-Object, calculated properties): a bare word is a command there, refused. */
  commands?: boolean;
  /** PowerShell's truth (isTrue: the string "False" is true), as Where-Object's script block has it; else toBoolean. */
  powerShellTruth?: boolean;
}

const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Compiles a filter expression into a predicate over records.
 * @param text the filter, e.g. `{SipAddress -like "*@contoso.com"}`; the braces are optional
 * @param options declared property types
 * @returns a predicate telling whether a record passes the filter; it throws ComparisonFailure for
 *   a record whose value cannot be compared, and FilterError for a pattern read from a record
 * @throws FilterError with the 0-based position of the first problem in `text`
 */
export function compileFilter(text: string, options: FilterOptions = {}): (record: Record<string, unknown>) => boolean {
  const expression = new Parser(tokenize(text), text, options).parseFilter();
  const truth = options.powerShellTruth === true ? isTrue : toBoolean;
  return (record) => truth(expression(record));
}

/**
 * Compiles a script block's expression into a function giving its value (`$_.SipAddress` → the
 * property's value, `$_.A -eq 1` → a Boolean). A bare word where an operand starts is a command in
 * a script block and is refused.
 * @param text the expression, braces optional
 * @returns the value of the expression for a record ($_)
 * @throws FilterError with the 0-based position of the first problem in `text`
 */
export function compileExpression(text: string): (record: unknown) => unknown {
  const expression = new Parser(tokenize(text), text, { commands: true }).parseFilter();
  return (record) => expression(record as PSObject);
}

class Parser {
  private index = 0;
  private depth = 0;
  /** How -and, -or, -xor and -not read their operands. */
  private get truth(): (value: unknown) => boolean {
    return this.options.powerShellTruth === true ? isTrue : toBoolean;
  }

  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
    private readonly options: FilterOptions,
  ) {}

  parseFilter(): Evaluate {
    const open = this.peek().kind === 'lbrace' ? this.next() : undefined;
    const { kind } = this.peek();
    if (kind === 'eof' || kind === 'rbrace') throw this.error(coreMessages.InvalidFilter.expression, this.peek());
    const expression = this.logical();
    if (open !== undefined && !this.accept('rbrace') && this.peek().kind === 'eof') {
      throw this.error(coreMessages.InvalidFilter.closeBrace(open.position), this.peek());
    }
    if (this.peek().kind !== 'eof') throw this.error(coreMessages.InvalidFilter.unexpected(describe(this.peek())), this.peek());
    return expression.evaluate;
  }

  private logical(): Operand {
    const first = this.comparison();
    const rest: ['and' | 'or' | 'xor', Evaluate][] = [];
    let end = first.end;
    for (let token = this.peek(); token.kind === 'logical' && token.operator !== 'not'; token = this.peek()) {
      this.next();
      const right = this.comparison();
      rest.push([token.operator, right.evaluate]);
      end = right.end;
    }
    if (rest.length === 0) return first;
    const head = first.evaluate;
    // A loop, not nested closures: a chain of 10,000 -or must not take 10,000 stack frames.
    const evaluate: Evaluate = (record) => {
      const truth = this.truth;
      let value = truth(head(record));
      for (const [operator, right] of rest) {
        if (operator === 'and') value = value && truth(right(record));
        else if (operator === 'or') value = value || truth(right(record));
        else value = value !== truth(right(record));
      }
      return value;
    };
    return { evaluate, position: first.position, end };
  }

  private comparison(): Operand {
    let head = this.unary(false);
    const steps: Step[] = [];
    for (let token = this.peek(); token.kind === 'comparison'; token = this.peek()) {
      this.next();
      const next = this.peek();
      const missing = next.kind === 'eof' || next.kind === 'rbrace' || next.kind === 'rparen';
      if (missing || (next.kind === 'logical' && next.operator !== 'not')) {
        throw this.error(coreMessages.InvalidFilter.valueAfter(token.text, BASH_EXPANSION_HINT), next);
      }
      const step = this.step(head, token.operator, this.unary(true));
      // Two literals compare once, now: a conversion that fails is a usage error.
      if (steps.length === 0 && head.literal !== undefined && step.right.literal !== undefined) head = fold(head, step);
      else steps.push(step);
    }
    return steps.length === 0 ? head : this.chain(head, steps);
  }

  /** One comparison of a chain, with what its messages need; a literal pattern is checked now. */
  private step(left: Operand, operator: FilterOperator, right: Operand): Step {
    const subject = this.text.slice(left.position, left.end);
    const source = coreMessages.ComparisonFailure.valueOf(this.text.slice(right.position, right.end));
    const failure = (error: ConversionFailure): ComparisonFailure =>
      new ComparisonFailure(conversionMessage(error, subject, right.literal !== undefined, source));
    // Check a literal pattern now, so a bad -like or -match pattern fails before any record is read.
    if (right.literal !== undefined) {
      try {
        applyOperator('', operator, right.literal.value);
      } catch (error) {
        throw error instanceof FilterError ? error.at(right.position) : error;
      }
    }
    return { operator, right, failure };
  }

  /** `a -eq b -eq c`: (a -eq b) -eq c, evaluated in a loop so that a long chain takes no stack. */
  private chain(head: Operand, steps: Step[]): Operand {
    const types = this.options.propertyTypes;
    const name = head.property;
    const evaluate: Evaluate = (record) => {
      let value = head.evaluate(record);
      // Only a $null property needs its declared type; later comparisons compare booleans.
      const declared = value === null && types !== undefined && name !== undefined ? types(record, name) : undefined;
      for (let i = 0; i < steps.length; i++) value = apply(steps[i] as Step, value, record, i === 0 ? declared : undefined);
      return value;
    };
    return { evaluate, position: head.position, end: steps.at(-1)?.right.end ?? head.end };
  }

  private unary(valuePosition: boolean): Operand {
    const token = this.peek();
    if (token.kind === 'bang' || (token.kind === 'logical' && token.operator === 'not')) {
      this.next();
      if (['eof', 'rbrace', 'rparen'].includes(this.peek().kind)) {
        throw this.error(coreMessages.InvalidFilter.operandAfter(token.text), this.peek());
      }
      const operand = this.nested(token, () => this.unary(false));
      const inner = operand.evaluate;
      const truth = this.truth;
      return { evaluate: (record) => !truth(inner(record)), position: token.position, end: operand.end };
    }
    return this.list(valuePosition);
  }

  /** `'a','b'`: the comma binds tighter than comparisons and -not, as in PowerShell. */
  private list(valuePosition: boolean): Operand {
    const first = this.primary(valuePosition);
    if (this.peek().kind !== 'comma') return first;
    const items = [first];
    while (this.accept('comma')) {
      if (['eof', 'rbrace', 'rparen', 'comma'].includes(this.peek().kind)) throw this.error(coreMessages.InvalidFilter.valueAfterComma, this.peek());
      items.push(this.primary(valuePosition));
    }
    return arrayOf(items, first.position, items.at(-1)?.end ?? first.end);
  }

  private primary(valuePosition: boolean): Operand {
    const token = this.next();
    const { position } = token;
    const end = position + token.text.length;
    switch (token.kind) {
      case 'lparen': {
        if (this.peek().kind === 'rparen') throw this.error(coreMessages.InvalidFilter.insideParentheses, this.peek());
        const inner = this.nested(token, () => this.logical());
        const close = this.peek();
        if (!this.accept('rparen')) {
          throw this.error(coreMessages.InvalidFilter.closeParenthesis(position), this.peek());
        }
        return { evaluate: inner.evaluate, position, end: close.position + 1 };
      }
      case 'atparen': {
        // @(...): its value as an array (@() is empty, @('a') an array of one).
        const close = this.peek();
        if (this.accept('rparen')) return literal([], position, close.position + 1);
        const inner = this.nested(token, () => this.logical());
        const end = this.peek();
        if (!this.accept('rparen')) throw this.error(coreMessages.InvalidFilter.closeArray(position), this.peek());
        return arrayOf([inner], position, end.position + 1, true);
      }
      case 'string':
      case 'number':
        return literal(token.value, position, end);
      case 'word':
        if (valuePosition) return literal(token.value, position, end);
        if (this.options.commands) throw this.error(commandWord(token.value), token);
        if (!PROPERTY_NAME.test(token.value)) throw this.error(unsupportedWord(token.value), token);
        return property(token.value, position, end);
      case 'variable':
        return this.variable(token);
      case 'comparison':
        throw this.error(coreMessages.InvalidFilter.valueBefore(token.text, BASH_EXPANSION_HINT), token);
      default:
        throw this.error(coreMessages.InvalidFilter.operandFound(describe(token)), token);
    }
  }

  /** Parses one level deeper (a parenthesis, a -not), refusing to go beyond the limit. */
  private nested(token: Token, parse: () => Operand): Operand {
    if (++this.depth > MAX_FILTER_NESTING) {
      throw new FilterError(coreMessages.InvalidFilter.tooDeep(MAX_FILTER_NESTING), token.position, 'FilterTooDeep');
    }
    const operand = parse();
    this.depth--;
    return operand;
  }

  private variable(token: Extract<Token, { kind: 'variable' }>): Operand {
    const name = token.name.toLowerCase();
    const end = token.position + token.text.length;
    if (name === '_' || name === 'psitem') {
      if (token.members.length > 1) throw this.error(nestedMember(token.text), token);
      return token.members[0] === undefined ? self(token.position, end) : property(token.members[0], token.position, end);
    }
    const constants: Record<string, unknown> = { true: true, false: false, null: null };
    if (!Object.hasOwn(constants, name)) {
      throw this.error(coreMessages.InvalidFilter.unknownVariable(token.name), token);
    }
    if (token.members.length > 0) throw this.error(coreMessages.InvalidFilter.variableMembers(token.name), token);
    return literal(constants[name], token.position, end);
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
