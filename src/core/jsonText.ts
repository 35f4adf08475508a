/**
 * An output object that is already one line of JSON (built by SQLite, say). The NDJSON writer copies
 * it verbatim instead of parsing and re-serializing it; anything else sees the object through toJSON.
 */
export class JsonText {
  /** @param json a JSON object, on one line */
  constructor(readonly json: string) {}

  /** The object, for JSON.stringify and the terminal views. */
  toJSON(): unknown {
    return JSON.parse(this.json);
  }
}

/**
 * Several output objects already serialized as NDJSON lines, written in one piece: a page of a
 * directory scan costs one string instead of an object and a string per user. It counts as `count`
 * objects wherever output is batched; the terminal views see the objects one by one.
 */
export class JsonLines {
  /**
   * @param text the objects' JSON, one per line, joined by `\n` (no final newline)
   * @param count how many lines (objects) the text holds
   */
  constructor(
    readonly text: string,
    readonly count: number,
  ) {}

  /** The objects, in order. */
  objects(): unknown[] {
    return this.text.split('\n').map((line) => JSON.parse(line) as unknown);
  }
}

/**
 * Output that is text, not an object: ConvertTo-Csv's lines, ConvertTo-Json's document. PowerShell
 * writes strings to its host as they are; cspin writes this text as it is, on stdout whether it is a
 * pipe or a terminal, followed by a newline (never as a JSON string line).
 */
export class PlainText {
  /**
   * @param text the text, without its final newline
   * @param newline false for a piece of a longer text (a document written as it is made): no newline after it
   */
  constructor(
    readonly text: string,
    readonly newline = true,
  ) {}

  /** The text as written. */
  get written(): string {
    return this.newline ? `${this.text}\n` : this.text;
  }

  /** The text, for views that see only JSON values. */
  toJSON(): string {
    return this.text;
  }
}

/**
 * Output items as single objects: each JsonLines becomes its objects.
 * @param items output items
 * @returns the objects, in order
 */
export function expandJsonLines(items: readonly unknown[]): unknown[] {
  return items.some((item) => item instanceof JsonLines) ? items.flatMap((item) => (item instanceof JsonLines ? item.objects() : [item])) : [...items];
}
