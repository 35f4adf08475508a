/**
 * The error of a `-Filter` expression: a syntax error in the text, or a pattern that `-like` or
 * `-match` cannot compile. It carries the 0-based offset in the user's text so the message can
 * point at the culprit.
 */
export class FilterError extends Error {
  /** 0-based offset in the filter text; -1 while the error is not tied to the text yet. */
  readonly position: number;
  /** The message without the `Invalid filter at position N: ` prefix. */
  readonly reason: string;

  /**
   * @param reason what is wrong, e.g. `expected a value after -eq`
   * @param position 0-based offset in the filter text, or -1 when unknown (compareValues does not
   *   know where its operands came from)
   */
  constructor(reason: string, position = -1) {
    super(position >= 0 ? `Invalid filter at position ${position}: ${reason}` : `Invalid filter: ${reason}`);
    this.name = 'FilterError';
    this.reason = reason;
    this.position = position;
  }

  /**
   * The same error, placed at an offset in the filter text; a placed error keeps its position.
   * @param position 0-based offset in the filter text
   * @returns an error whose message names the position
   */
  at(position: number): FilterError {
    return this.position >= 0 ? this : new FilterError(this.reason, position);
  }
}
