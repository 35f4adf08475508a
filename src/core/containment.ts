/**
 * PowerShell's containment operators (about_Comparison_Operators): `-contains` and `-notcontains`
 * look for the right operand among the items of the left one, `-in` and `-notin` for the left
 * operand among the items of the right one. A single value is a collection of one. Each item is
 * compared with `-eq` (or `-ceq`) as the LEFT operand, so the item's type decides the conversion:
 * `@(1,2) -contains '02'` is true, `2 -in '02'` is false (PowerShell 7.6 gives the same).
 */
import { compareValues, parseComparisonOperator, type ComparisonOperator, type DeclaredType } from './compare.js';

const KINDS = ['contains', 'notcontains', 'in', 'notin'] as const;
type Kind = (typeof KINDS)[number];

/** A containment operator in canonical form: `-contains`, `-cin` (case-sensitive), `-inotin`. */
export type ContainmentOperator = `-${'' | 'c' | 'i'}${Kind}`;

/** Any operator of the filter language's comparisons. */
export type FilterOperator = ComparisonOperator | ContainmentOperator;

const OPERATOR_TEXT = new RegExp(`^-?([ci]?)(${KINDS.join('|')})$`);

/**
 * Reads a comparison or containment operator in any case, with or without the dash.
 * @param text e.g. `-eq`, `-CIn`, `notcontains`
 * @returns the canonical operator, or undefined when the text names none
 */
export function parseFilterOperator(text: string): FilterOperator | undefined {
  const m = OPERATOR_TEXT.exec(text.toLowerCase());
  return m === null ? parseComparisonOperator(text) : (`-${m[1] ?? ''}${m[2] ?? ''}` as ContainmentOperator);
}


/**
 * Applies a comparison or containment operator.
 * @param left the left operand
 * @param operator the operator
 * @param right the right operand
 * @param declared the declared type of the left operand's property (comparisons only)
 * @returns whether it holds
 * @throws ConversionFailure or FilterError as {@link compareValues} does, for an item
 */
export function applyOperator(left: unknown, operator: FilterOperator, right: unknown, declared?: DeclaredType): boolean {
  // The prefix is read from the match: -in itself starts with the i of -ieq.
  const m = OPERATOR_TEXT.exec(operator);
  if (m === null) return compareValues(left, operator as ComparisonOperator, right, declared);
  const kind = m[2] as Kind;
  const equal: ComparisonOperator = m[1] === 'c' ? '-ceq' : '-eq';
  const found =
    kind === 'contains' || kind === 'notcontains'
      ? items(left).some((item) => compareValues(item, equal, right))
      : items(right).some((item) => compareValues(item, equal, left));
  return found === (kind === 'contains' || kind === 'in');
}

function items(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [value];
}
