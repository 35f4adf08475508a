/** The steps of a comparison chain: applied to a record, or folded when both sides are literals. */
import { applyOperator, type FilterOperator } from './containment.js';
import type { DeclaredType } from './compare.js';
import { ComparisonFailure, ConversionFailure, FilterError } from './filterError.js';
import { literal, type Operand } from './filterOperands.js';
import type { PSObject } from './psobject.js';

/** One `-op value` of a comparison chain. */
export interface Step {
  operator: FilterOperator;
  right: Operand;
  failure: (error: ConversionFailure) => ComparisonFailure;
}

/** One comparison of a chain, its failures made the errors the caller reports. */
export function apply({ operator, right, failure }: Step, left: unknown, record: PSObject, declared: DeclaredType | undefined): boolean {
  try {
    return applyOperator(left, operator, right.evaluate(record), declared);
  } catch (error) {
    if (error instanceof ConversionFailure) throw failure(error);
    throw error instanceof FilterError ? error.at(right.position) : error;
  }
}

/** A literal compared with a literal: the result, or a usage error when the conversion fails. */
export function fold(head: Operand, { operator, right, failure }: Step): Operand {
  try {
    return literal(applyOperator(head.literal?.value, operator, right.literal?.value), head.position, right.end);
  } catch (error) {
    if (!(error instanceof ConversionFailure)) throw error;
    throw new FilterError(failure(error).message, right.position, 'ComparisonFailure');
  }
}

