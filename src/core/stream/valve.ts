/**
 * Backpressure between the ends of a cmdlet: whoever cannot keep up (a full stdout, a chunk still
 * being processed asynchronously) holds the valve, and the input stream pauses while any hold is open.
 */
export class Valve {
  #holds = 0;
  readonly #listeners = new Set<(open: boolean) => void>();

  /** Whether nothing holds the valve. */
  get open(): boolean {
    return this.#holds === 0;
  }

  /**
   * Closes the valve until the returned function is called (calling it twice is harmless).
   * @returns the release function
   */
  hold(): () => void {
    let released = false;
    if (this.#holds++ === 0) this.#emit(false);
    return () => {
      if (released) return;
      released = true;
      if (--this.#holds === 0) this.#emit(true);
    };
  }

  /**
   * Calls the listener whenever the valve opens or closes.
   * @param listener called with true when it opens, false when it closes
   * @returns a function that removes the listener
   */
  onChange(listener: (open: boolean) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(open: boolean): void {
    for (const listener of this.#listeners) listener(open);
  }
}
