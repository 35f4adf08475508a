/**
 * A private temporary folder (mode 0700, under os.tmpdir()) for a command's spill files. The cmdlet
 * removes it in clean(), which the engine runs on every way out (end, error, a closed pipe, SIGINT,
 * SIGTERM); a process.exit from the last-resort handler removes it too, through an 'exit' listener.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary folder that removes itself once. */
export class TempFolder {
  readonly path: string;
  readonly #onExit = () => this.remove();
  #removed = false;

  /** @param prefix the folder name's start, e.g. `cspin-sort-` */
  constructor(prefix: string) {
    this.path = mkdtempSync(join(tmpdir(), prefix));
    process.once('exit', this.#onExit);
  }

  /**
   * A path inside the folder.
   * @param name a file name
   */
  file(name: string): string {
    return join(this.path, name);
  }

  /** Removes the folder and everything in it; later calls do nothing. */
  remove(): void {
    if (this.#removed) return;
    this.#removed = true;
    process.removeListener('exit', this.#onExit);
    rmSync(this.path, { recursive: true, force: true });
  }
}
