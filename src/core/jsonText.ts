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
