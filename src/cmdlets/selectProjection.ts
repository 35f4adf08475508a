/**
 * What Select-Object makes of one input object (PowerShell's ProcessObject): a new object with only
 * the selected properties, in the order given (a name that matches nothing is $null, a wildcard that
 * matches nothing adds nothing), or the values of -ExpandProperty with the selected properties added;
 * and -Unique's comparison of what it wrote.
 */
import { compareValues } from '../core/compare.js';
import { TYPE_NAME_PROPERTY, echo, errorRecord, isPSObject, typeNameOf, usageError, type ErrorId, type ErrorRecord } from '../core/index.js';
import { resolveHashtable, type HashtableKey } from '../core/hashtableLiteral.js';
import type { PropertyArgument } from '../core/propertyType.js';
import { nameFilter, propertyExpression, type ExpressionResult, type PropertyExpression } from '../core/propertyExpression.js';
import { findProperty } from '../core/psobject.js';
import { recordEntries, recordFromEntries } from '../core/record.js';
import { cmdletMessages } from './messages.js';

/** One -Property element, compiled: a calculated property has its own name. */
export interface SelectSpec {
  name?: string;
  expression: PropertyExpression;
}

/** What is written for an input object, with the properties Select-Object added (for -Unique). */
export interface Written {
  value: unknown;
  notes: ExpressionResult[];
}

/** How Select-Object was asked to make its objects. */
export interface Projection {
  specs: SelectSpec[] | undefined;
  expand: PropertyExpression | undefined;
  exclude: ((name: string) => boolean) | undefined;
}

const CALCULATED_KEYS: readonly HashtableKey[] = [
  { name: 'Expression', kinds: ['string', 'scriptBlock'], mandatory: true },
  { name: 'Name', aliases: ['Label'], kinds: ['string'] },
];

/**
 * Compiles -Property, -ExcludeProperty and -ExpandProperty (PowerShell's ProcessExpressionParameter).
 * @param property the -Property elements
 * @param exclude the -ExcludeProperty patterns (alone, they imply -Property *)
 * @param expand the -ExpandProperty name
 * @returns the projection
 * @throws TerminatingError (usage) for a malformed calculated property or script block
 */
export function compileProjection(property: readonly PropertyArgument[] | undefined, exclude: readonly string[] | undefined, expand: string | undefined): Projection {
  const given = property !== undefined && property.length > 0 ? property : exclude !== undefined ? ['*'] : undefined;
  return {
    specs: given?.map(compileSpec),
    expand: expand === undefined || expand === '' ? undefined : propertyExpression(expand, 'ExpandProperty'),
    exclude: exclude === undefined ? undefined : nameFilter(exclude, 'ExcludeProperty'),
  };
}

function compileSpec(argument: PropertyArgument): SelectSpec {
  if (typeof argument === 'string') return { expression: propertyExpression(argument, 'Property') };
  if (argument.kind === 'scriptBlock') {
    if (argument.body === '') throw usageError('EmptyScriptBlockAndNoName', cmdletMessages.EmptyScriptBlockAndNoName, '{}');
    return { expression: propertyExpression(argument, 'Property') };
  }
  const entries = resolveHashtable(argument, CALCULATED_KEYS);
  const expression = entries.get('Expression');
  const name = entries.get('Name');
  const label = name?.kind === 'string' ? name.value : undefined;
  if (expression?.kind === 'scriptBlock') {
    if (expression.body === '' && label === undefined) throw usageError('EmptyScriptBlockAndNoName', cmdletMessages.EmptyScriptBlockAndNoName, echo(argument.text));
    if (expression.body.trim() === '') return { name: label, expression: { text: expression.body, wildcard: false, isScript: true, resolve: () => [{ name: expression.body, value: null }] } };
    return { name: label, expression: propertyExpression(expression, 'Property') };
  }
  return { name: label, expression: propertyExpression(expression?.kind === 'string' ? expression.value : '', 'Property') };
}

/**
 * Makes what Select-Object writes for one input object.
 * @param input the input object (not null)
 * @param projection what to make
 * @param record the input line, for errors
 * @returns the objects to write and the errors, in order
 */
export function project(input: unknown, projection: Projection, record: number | undefined): (Written | ErrorRecord)[] {
  const { specs, expand } = projection;
  if (specs === undefined && expand === undefined) return [{ value: input, notes: [] }];
  const out: (Written | ErrorRecord)[] = [];
  const notes = specs === undefined ? [] : matchProperties(input, specs, projection.exclude, record, out);
  if (expand === undefined) {
    const seen = new Set<string>();
    const entries: [string, unknown][] = [];
    for (const note of notes) {
      const folded = note.name.toLowerCase();
      if (seen.has(folded)) out.push(alreadyExisting(note.name, input, record, 'AlreadyExistingUserSpecifiedPropertyNoExpand'));
      else entries.push([note.name, note.value]);
      seen.add(folded);
    }
    out.push({ value: recordFromEntries([[TYPE_NAME_PROPERTY, selectedType(input)], ...entries]), notes });
    return out;
  }
  const results = expand.resolve(input);
  if (results.length !== 1) {
    const [errorId, message]: [ErrorId, string] =
      results.length === 0 ? ['ExpandPropertyNotFound', cmdletMessages.ExpandPropertyNotFound(expand.text)] : ['MutlipleExpandProperties', cmdletMessages.MutlipleExpandProperties];
    out.push(errorRecord({ errorId, category: 'InvalidArgument', message, target: shown(input), record }));
    return out;
  }
  const value = results[0]?.value;
  for (const item of Array.isArray(value) ? value : [value]) {
    if (item === null || item === undefined) continue;
    out.push(...withNotes(item, notes, input, record));
  }
  return out;
}

/** The selected properties of an input object (PowerShell's ProcessParameter for each element). */
function matchProperties(input: unknown, specs: readonly SelectSpec[], exclude: ((name: string) => boolean) | undefined, record: number | undefined, out: (Written | ErrorRecord)[]): ExpressionResult[] {
  const notes: ExpressionResult[] = [];
  const excluded = (result: ExpressionResult, expression: PropertyExpression) => exclude !== undefined && !expression.isScript && exclude(result.name);
  for (const { name, expression } of specs) {
    let results = expression.resolve(input).filter((result) => !excluded(result, expression));
    if (results.length === 0 && !expression.wildcard) {
      results = [{ name: expression.text, value: null }];
    } else if (name !== undefined && results.length > 1) {
      out.push(errorRecord({ errorId: 'RenamingMultipleResults', category: 'InvalidOperation', message: cmdletMessages.RenamingMultipleResults, target: shown(input), record }));
      continue;
    }
    for (const result of results) {
      if (!excluded(result, expression)) notes.push({ name: name ?? result.name, value: result.value });
    }
  }
  return notes;
}

/** An expanded value with the selected properties added: to an object as properties; a plain value stays as it is. */
function withNotes(item: unknown, notes: readonly ExpressionResult[], input: unknown, record: number | undefined): (Written | ErrorRecord)[] {
  if (!isPSObject(item)) return [{ value: item, notes: [...notes] }];
  const out: (Written | ErrorRecord)[] = [];
  const entries: [string, unknown][] = [[TYPE_NAME_PROPERTY, selectedType(input)], ...recordEntries(item).filter(([name]) => name !== TYPE_NAME_PROPERTY)];
  for (const note of notes) {
    if (entries.some(([name]) => name.toLowerCase() === note.name.toLowerCase())) {
      out.push(alreadyExisting(note.name, input, record, 'AlreadyExistingUserSpecifiedPropertyExpand'));
    } else {
      entries.push([note.name, note.value]);
    }
  }
  out.push({ value: recordFromEntries(entries), notes: [...notes] });
  return out;
}

/** PowerShell's first type name of a selected object: Selected.<the input's type>. */
function selectedType(input: unknown): string {
  return `Selected.${typeNameOf(input)}`;
}

function alreadyExisting(
  name: string,
  input: unknown,
  record: number | undefined,
  errorId: 'AlreadyExistingUserSpecifiedPropertyExpand' | 'AlreadyExistingUserSpecifiedPropertyNoExpand',
): ErrorRecord {
  return errorRecord({ errorId, category: 'InvalidOperation', message: cmdletMessages[errorId](name), target: shown(input), record });
}

function shown(input: unknown): unknown {
  return typeof input === 'string' ? echo(input) : input;
}

/**
 * -Unique's test (PowerShell's FilteredWriteObject): the same base value, compared case-sensitively
 * with the second converted to the first one's type, and the same added properties. Two objects'
 * base values are always equal there (PSCustomObject is not comparable), so objects passed through
 * unchanged are all one.
 * @param next what is about to be written
 * @param kept what was written before
 * @returns true when next is a duplicate of kept
 */
export function sameWritten(next: Written, kept: Written): boolean {
  if (!sameValue(next.value, kept.value) || next.notes.length !== kept.notes.length) return false;
  return next.notes.every((note) => {
    const folded = note.name.toLowerCase();
    // A plain value carries its added properties beside it (JSON cannot add them to a string).
    const found = isPSObject(kept.value) ? findProperty(kept.value, note.name) : kept.notes.find((n) => n.name.toLowerCase() === folded);
    return found !== undefined && sameValue(found.value, note.value);
  });
}

function sameValue(left: unknown, right: unknown): boolean {
  if (isPSObject(left) || isPSObject(right)) return isPSObject(left) && isPSObject(right);
  if (left === null || left === undefined || right === null || right === undefined) return (left ?? null) === (right ?? null);
  if (Array.isArray(left) || Array.isArray(right)) return JSON.stringify(left) === JSON.stringify(right);
  try {
    return compareValues(left, '-ceq', right);
  } catch {
    return false;
  }
}
