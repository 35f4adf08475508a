/**
 * What stdout is. A command whose output is the only copy of something (the PINs Set-CsClientPin
 * generates) must know whether anyone can receive it, and who else can read it.
 */
import { fstatSync, readFileSync, readlinkSync } from 'node:fs';
import { isatty } from 'node:tty';

/**
 * What a file descriptor leads to:
 * - `closed`: it was closed when the command started (`>&-`): Node put /dev/null there, read-write;
 * - `null`: /dev/null, by the user's own redirection;
 * - `terminal`, `file` (a regular file), `pipe` (a pipe or FIFO), `socket`, `other` (another device).
 */
export type OutputKind = 'closed' | 'null' | 'terminal' | 'file' | 'pipe' | 'socket' | 'other';

/** stdout as a command sees it. */
export interface OutputTarget {
  kind: OutputKind;
  /** A regular file that its group or others may read. */
  readableByOthers: boolean;
  /** The file's path, when it is a regular file and Linux tells it. */
  path?: string;
}

/** /dev/null's device number (major 1, minor 3). */
const DEV_NULL = (1 << 8) | 3;
const O_ACCMODE = 0o3;
const O_RDWR = 0o2;

/**
 * Classifies a file descriptor (stdout by default).
 * @param fd @default 1
 * @returns its kind, and whether others may read it
 */
export function classifyOutput(fd = 1): OutputTarget {
  let stats;
  try {
    stats = fstatSync(fd);
  } catch {
    return { kind: 'closed', readableByOthers: false };
  }
  if (stats.isCharacterDevice() && stats.rdev === DEV_NULL) return { kind: openedReadWrite(fd) ? 'closed' : 'null', readableByOthers: false };
  if (isatty(fd)) return { kind: 'terminal', readableByOthers: false };
  if (stats.isFile()) return { kind: 'file', readableByOthers: (stats.mode & 0o044) !== 0, path: pathOf(fd) };
  if (stats.isFIFO()) return { kind: 'pipe', readableByOthers: false };
  if (stats.isSocket()) return { kind: 'socket', readableByOthers: false };
  return { kind: 'other', readableByOthers: false };
}

// A shell redirection to /dev/null opens it write-only; Node, replacing a closed stdout at start-up,
// opens it read-write (node.cc, PlatformInit). Linux tells the access mode in /proc/self/fdinfo.
function openedReadWrite(fd: number): boolean {
  try {
    const flags = /^flags:\s*([0-7]+)$/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))?.[1];
    return flags !== undefined && (parseInt(flags, 8) & O_ACCMODE) === O_RDWR;
  } catch {
    return false;
  }
}

function pathOf(fd: number): string | undefined {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return undefined;
  }
}
