/**
 * Import-Csv's -Encoding: the text encodings PowerShell names, read as a .NET StreamReader that
 * detects byte order marks reads them (a BOM wins over -Encoding), turned into the UTF-8 bytes the
 * CSV reader takes. UTF-8 passes through untouched, so its bad bytes are still found and reported.
 */
import { Readable } from 'node:stream';
import { chunksOf, unreadableInput } from '../stream/readChunks.js';

/** How a PowerShell encoding name is decoded here (undefined: UTF-8, left as it is). */
const DECODERS: Readonly<Record<string, string | undefined>> = {
  utf8: undefined,
  utf8bom: undefined,
  utf8nobom: undefined,
  unicode: 'utf-16le',
  bigendianunicode: 'utf-16be',
  ascii: 'ascii',
  latin1: 'latin1',
};

/** The -Encoding names cspin reads, as help and errors list them. */
export const ENCODING_NAMES = ['utf8', 'utf8BOM', 'utf8NoBOM', 'unicode', 'bigendianunicode', 'ascii', 'latin1'] as const;

/**
 * Whether cspin reads an encoding name (case-insensitive).
 * @param name the -Encoding value
 * @returns true when it is one of {@link ENCODING_NAMES}
 */
export function isKnownEncoding(name: string): boolean {
  return Object.hasOwn(DECODERS, name.toLowerCase());
}

/**
 * The input as UTF-8 bytes.
 * @param input the file or stdin
 * @param encoding the -Encoding name (checked by {@link isKnownEncoding}); @default utf8
 * @returns a stream of UTF-8 bytes (the input itself when it is UTF-8)
 */
export function utf8Input(input: NodeJS.ReadableStream, encoding = 'utf8'): NodeJS.ReadableStream {
  // Checked here, on the stream that has the file descriptor: the one returned has none.
  const unreadable = unreadableInput(input);
  if (unreadable) throw unreadable;
  return Readable.from(recoded(input, DECODERS[encoding.toLowerCase()]));
}

async function* recoded(input: NodeJS.ReadableStream, label: string | undefined): AsyncIterable<Buffer> {
  // null: UTF-8, passed through; undefined: not chosen yet (the first bytes may be a BOM).
  let decode: ((chunk: Buffer | undefined) => string) | null | undefined;
  for await (const chunk of chunksOf(input)) {
    if (decode === undefined) {
      const chosen = byteOrderMark(chunk) ?? label;
      decode = chosen === undefined || chosen === 'utf-8' ? null : decoder(chosen);
    }
    yield decode === null ? chunk : Buffer.from(decode(chunk), 'utf8');
  }
  if (decode) yield Buffer.from(decode(undefined), 'utf8');
}

/** A decoder of chunks (undefined: the end); latin1 and ascii are a byte a character (.NET's ASCII reads bytes above 127 as '?'). */
function decoder(label: string): (chunk: Buffer | undefined) => string {
  if (label === 'latin1') return (chunk) => chunk?.toString('latin1') ?? '';
  if (label === 'ascii') return (chunk) => chunk?.toString('latin1').replace(/[\u0080-\u00ff]/g, '?') ?? '';
  const text = new TextDecoder(label);
  return (chunk) => (chunk ? text.decode(chunk, { stream: true }) : text.decode());
}

/** The encoding a byte order mark names: UTF-8 (its BOM is dropped later), UTF-16 LE or BE. */
function byteOrderMark(chunk: Buffer): string | undefined {
  if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) return 'utf-8';
  if (chunk[0] === 0xff && chunk[1] === 0xfe) return 'utf-16le';
  if (chunk[0] === 0xfe && chunk[1] === 0xff) return 'utf-16be';
  return undefined;
}
