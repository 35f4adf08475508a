/**
 * A report file written whole or not at all: the text goes to a temporary file beside the target (same
 * folder, so the rename cannot cross file systems; a private name; mode from the umask), which is
 * renamed over the target at the end. A failed, interrupted or killed command leaves the old file as
 * it was; discard() removes the temporary file (kill -9 can leave it behind, never a half report).
 * -Append copies the old file first and appends to the copy, so a killed append cannot leave a half
 * row at the end of the old rows either: the price is one copy of the file (copy_file_range).
 */
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, closeSync, constants, copyFileSync, fstatSync, fsyncSync, linkSync, openSync, readSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { echo } from './echo.js';
import { TerminatingError } from './errors.js';
import { coreMessages } from './messages.js';
import { systemError } from './systemError.js';

/** The file encodings of -Encoding. */
export type ReportEncoding = 'utf8' | 'utf8BOM' | 'unicode';

/** How the target is treated. */
export interface ReportFileOptions {
  /** Keep the old text and add to it. */
  append?: boolean;
  /** Refuse an existing target (-NoClobber). */
  noClobber?: boolean;
  /** Replace a read-only target (-Force), keeping it read-only. */
  force?: boolean;
  /** @default 'utf8' (no BOM) */
  encoding?: ReportEncoding;
}

/**
 * The write buffer. Text is encoded into it as it comes, so it never lives on as long strings that
 * survive V8's young-generation collections (a 256 KiB pending string cost Export-Csv a third of its time in GC).
 */
const BUFFER_BYTES = 1024 * 1024;
/** How much of an old file is read to find its header. */
const HEAD_BYTES = 64 * 1024;

/** A temporary file on its way to becoming the target. */
export class ReportFile {
  readonly path: string;
  readonly target: string;
  /** The old file's first bytes when appending to a non-empty file (its header is in there); else undefined. */
  readonly existingHead: string | undefined;
  readonly #temp: string;
  readonly #encoding: BufferEncoding;
  readonly #noClobber: boolean;
  readonly #keepMode: number | undefined;
  /** The target is not a regular file (/dev/stdout, a FIFO): written in place, since renaming over it would replace the device. */
  readonly #direct: boolean;
  #fd: number | undefined;
  #buffer: Buffer | undefined;
  #used = 0;
  #bom: boolean;

  /**
   * Checks the target and creates the temporary file beside it.
   * @param path the target as the user named it (for messages)
   * @param options append, no-clobber, force, encoding
   * @throws TerminatingError FileOpenFailure or NoClobber, naming the path; nothing is created then
   */
  constructor(path: string, options: ReportFileOptions = {}) {
    this.path = path;
    this.#noClobber = options.noClobber === true && options.append !== true;
    let encoding = options.encoding ?? 'utf8';
    const existing = statOrUndefined(resolve(path), path);
    // A symbolic link is written through, as PowerShell does: the file it names is replaced, not the link.
    this.target = existing?.isFile() ? realpathSync(resolve(path)) : resolve(path);
    if (existing?.isDirectory()) throw openFailure(Object.assign(new Error('EISDIR'), { code: 'EISDIR' }), path);
    if (existing && this.#noClobber) {
      throw new TerminatingError({ errorId: 'NoClobber', category: 'ResourceUnavailable', message: coreMessages.NoClobber(path), target: echo(path) });
    }
    if (existing) {
      try {
        accessSync(this.target, constants.W_OK);
      } catch (error) {
        if (!options.force) throw openFailure(error, path);
        this.#keepMode = existing.mode & 0o7777;
      }
    }
    this.#temp = join(dirname(this.target), `.${basename(this.target)}.${randomBytes(6).toString('hex')}.tmp`);
    this.#direct = existing !== undefined && !existing.isFile();
    const appending = options.append === true && existing !== undefined && existing.size > 0 && !this.#direct;
    let head: Buffer | undefined;
    try {
      if (this.#direct) {
        this.#fd = openSync(this.target, options.append ? 'a' : 'w');
      } else if (appending) {
        head = readHead(this.target);
        encoding = head[0] === 0xff && head[1] === 0xfe ? 'unicode' : 'utf8';
        copyFileSync(this.target, this.#temp, constants.COPYFILE_EXCL);
        this.#fd = openSync(this.#temp, 'a');
      } else {
        this.#fd = openSync(this.#temp, 'wx', 0o666);
      }
    } catch (error) {
      this.discard();
      throw openFailure(error, path);
    }
    this.#encoding = encoding === 'unicode' ? 'utf16le' : 'utf8';
    this.#bom = !appending && encoding !== 'utf8';
    this.existingHead = head && (encoding === 'unicode' ? head.subarray(2).toString('utf16le') : head.toString('utf8').replace(/^\uFEFF/, ''));
  }

  /**
   * Adds text (buffered).
   * @param text the text
   */
  write(text: string): void {
    if (this.#fd === undefined || text === '') return;
    // The most bytes the text can take: 3 per UTF-16 unit in UTF-8, 2 in UTF-16.
    const most = text.length * (this.#encoding === 'utf8' ? 3 : 2);
    this.#buffer ??= Buffer.allocUnsafeSlow(BUFFER_BYTES);
    if (this.#used + most > this.#buffer.length) this.#flush();
    if (most > this.#buffer.length) {
      this.#writeBytes(Buffer.from(text, this.#encoding));
      return;
    }
    this.#used += this.#buffer.write(text, this.#used, this.#encoding);
  }

  /**
   * Makes the file the target: flushed, synced, renamed (linked under -NoClobber, so a file made
   * meanwhile is not replaced either).
   */
  commit(): void {
    this.#flush();
    const fd = this.#fd;
    if (fd === undefined) return;
    try {
      if (this.#bom && fstatSync(fd).size === 0) writeSync(fd, this.#encoding === 'utf16le' ? Buffer.from([0xff, 0xfe]) : Buffer.from([0xef, 0xbb, 0xbf]));
      if (!this.#direct) fsyncSync(fd);
      closeSync(fd);
      this.#fd = undefined;
      if (this.#direct) return;
      if (this.#keepMode !== undefined) chmodSync(this.#temp, this.#keepMode);
      if (this.#noClobber) {
        linkSync(this.#temp, this.target);
        unlinkSync(this.#temp);
      } else {
        renameSync(this.#temp, this.target);
      }
    } catch (error) {
      this.discard();
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new TerminatingError({ errorId: 'NoClobber', category: 'ResourceUnavailable', message: coreMessages.NoClobber(this.path), target: echo(this.path) });
      }
      throw writeFailure(error, this.path);
    }
  }

  /** Removes the temporary file (after an error or a signal); the target is untouched. Safe to call twice. */
  discard(): void {
    this.#used = 0;
    if (this.#fd !== undefined) {
      try {
        closeSync(this.#fd);
      } catch {
        // Closing can only fail on a file that is gone or a failing disk: removing it is what matters.
      }
      this.#fd = undefined;
    }
    if (this.#direct) return;
    try {
      unlinkSync(this.#temp);
    } catch {
      // Already gone (committed, or never created).
    }
  }

  #flush(): void {
    if (this.#used === 0 || this.#buffer === undefined) return;
    const used = this.#used;
    this.#used = 0;
    this.#writeBytes(this.#buffer.subarray(0, used));
  }

  #writeBytes(bytes: Buffer): void {
    if (this.#fd === undefined) return;
    try {
      if (this.#bom && this.#encoding === 'utf16le') {
        writeSync(this.#fd, Buffer.from([0xff, 0xfe]));
      } else if (this.#bom) {
        writeSync(this.#fd, Buffer.from([0xef, 0xbb, 0xbf]));
      }
      this.#bom = false;
      writeAll(this.#fd, bytes);
    } catch (error) {
      this.discard();
      throw writeFailure(error, this.path);
    }
  }
}

function writeAll(fd: number, bytes: Buffer): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
}

function statOrUndefined(target: string, path: string): Stats | undefined {
  try {
    return statSync(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw openFailure(error, path);
  }
}

function readHead(target: string): Buffer {
  const fd = openSync(target, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    return buffer.subarray(0, readSync(fd, buffer, 0, HEAD_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}

/** PowerShell's FileOpenFailure, with the system's reason for it. */
function openFailure(error: unknown, path: string): TerminatingError {
  const known = systemError(error, { doing: 'open', path });
  if (!known) throw error;
  return new TerminatingError({ ...known.record, errorId: 'FileOpenFailure', target: echo(path) });
}

function writeFailure(error: unknown, path: string): TerminatingError {
  return systemError(error, { doing: 'write', path }) ?? new TerminatingError({ errorId: 'FileWriteError', category: 'WriteError', message: coreMessages.FileWriteError(path), target: echo(path), cause: error });
}
