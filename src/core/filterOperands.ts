/**
 * The operands of the filter language (filterScript.ts): literals, `$_`, properties, and the reasons
 * a word cannot be one, which name what the language does not support.
 */
import { echo } from './echo.js';
import type { Token } from './filterTokens.js';
import { findProperty, isPSObject, type PSObject } from './psobject.js';

/** How an operand reads its value from a record. */
export type Evaluate = (record: PSObject) => unknown;

/** A parsed operand: how to evaluate it, where it is in the text, and its value when it is a literal. */
export interface Operand {
  evaluate: Evaluate;
  position: number;
  end: number;
  literal?: { value: unknown };
  /** The property it reads, when it is one (`Name` or `$_.Name`). */
  property?: string;
}

const MEMBER_PATH = /^[A-Za-z_]\w*(\.\w+)+$/;
const COMMAND = /^[A-Za-z]+-[A-Za-z]+$/;

/** A literal value. */
export function literal(value: unknown, position: number, end: number): Operand {
  return { evaluate: () => value, position, end, literal: { value } };
}

/** `$_`: the record itself (a plain string record compares as that string). */
export function self(position: number, end: number): Operand {
  return { evaluate: (record) => record, position, end };
}

/** A property, case-insensitively; a string record has its Length, as in PowerShell. */
export function property(name: string, position: number, end: number): Operand {
  const isLength = name.toLowerCase() === 'length';
  const evaluate: Evaluate = (record) => {
    if (isPSObject(record)) return findProperty(record, name)?.value ?? null;
    return isLength && typeof record === 'string' ? (record as string).length : null;
  };
  return { evaluate, position, end, property: name };
}

/** Why a word cannot be a property name: says what cspin does not support, when that is what it is. */
export function unsupportedWord(word: string): string {
  if (MEMBER_PATH.test(word)) return nestedMember(word);
  if (word.startsWith('[')) return `type names and indexing such as ${echo(word)} are not supported`;
  if (COMMAND.test(word)) {
    return `commands such as ${echo(word)} are not supported in a filter: put the value in the text, e.g. "$(date -u +%FT%TZ)" for Get-Date`;
  }
  return `expected a property name but found '${echo(word)}'`;
}

/** Why a bare word cannot start an operand of a script block: there it is a command. */
export function commandWord(word: string): string {
  if (!PROPERTY_WORD.test(word)) return `${echo(word)} is a command, and cspin runs no commands in a script block`;
  return `a bare word such as ${echo(word)} is a command in a script block: write $_.${echo(word)} for the property`;
}

const PROPERTY_WORD = /^[A-Za-z_]\w*$/;

export function nestedMember(path: string): string {
  return `member access below a property (${echo(path)}) is not supported: a filter compares the properties of the record itself; use -like or -match for the text of a property`;
}

/** A token as messages show it. */
export function describe(token: Token): string {
  return token.kind === 'eof' ? 'the end of the filter' : `'${echo(token.text)}'`;
}
