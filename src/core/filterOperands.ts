/**
 * The operands of the filter language (filterScript.ts): literals, `$_`, properties, and the reasons
 * a word cannot be one, which name what the language does not support.
 */
import type { Token } from './filterTokens.js';
import { coreMessages } from './messages.js';
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

/**
 * A list operand: the items' values as an array, made once when they are all literals. With
 * `spread`, one item is unrolled when it is an array (`@('a','b')`), as PowerShell's @() does.
 */
export function arrayOf(items: Operand[], position: number, end: number, spread = false): Operand {
  const build = (values: unknown[]): unknown[] => (spread && values.length === 1 && Array.isArray(values[0]) ? (values[0] as unknown[]) : values);
  if (items.every((item) => item.literal !== undefined)) return literal(build(items.map((item) => item.literal?.value)), position, end);
  const evaluates = items.map((item) => item.evaluate);
  return { evaluate: (record) => build(evaluates.map((evaluate) => evaluate(record))), position, end };
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
  if (word.startsWith('[')) return coreMessages.InvalidFilter.typeName(word);
  if (COMMAND.test(word)) {
    return coreMessages.InvalidFilter.command(word);
  }
  return coreMessages.InvalidFilter.propertyName(word);
}

/** Why a bare word cannot start an operand of a script block: there it is a command. */
export function commandWord(word: string): string {
  if (!PROPERTY_WORD.test(word)) return coreMessages.InvalidFilter.commandWord(word);
  return coreMessages.InvalidFilter.bareWord(word);
}

const PROPERTY_WORD = /^[A-Za-z_]\w*$/;

export function nestedMember(path: string): string {
  return coreMessages.InvalidFilter.nestedMember(path);
}

/** A token as messages show it. */
export function describe(token: Token): string {
  return token.kind === 'eof' ? coreMessages.InvalidFilter.endOfFilter : coreMessages.InvalidFilter.token(token.text);
}
