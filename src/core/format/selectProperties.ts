/**
 * The properties Format-Table and Format-List show: `-Property` names, with wildcards expanded against
 * an object's own properties (case-insensitively, in the object's order), or by default its properties.
 */
import { wildcardRegExp } from '../compare.js';
import { displayedProperties, type FormatRecord } from './formatValue.js';

/** PowerShell's table without -Property shows at most this many columns (LimitAssociationListSize). */
export const DEFAULT_TABLE_COLUMNS = 10;

const WILDCARD = /[*?[]/;

/**
 * Resolves property patterns against a record.
 * @param record the object
 * @param patterns the -Property names; undefined for the object's own properties
 * @param keepMissing whether a plain name the object lacks is kept (a table column) or dropped (a list)
 * @returns the property names, as the object spells them
 */
export function selectProperties(record: FormatRecord, patterns: readonly string[] | undefined, keepMissing: boolean): string[] {
  const own = displayedProperties(record);
  if (patterns === undefined) return own;
  const names: string[] = [];
  for (const pattern of patterns) {
    if (WILDCARD.test(pattern)) {
      const re = wildcardRegExp(pattern);
      names.push(...own.filter((name) => re.test(name)));
      continue;
    }
    const folded = pattern.toLowerCase();
    const found = own.find((name) => name === pattern) ?? own.find((name) => name.toLowerCase() === folded);
    if (found !== undefined) names.push(found);
    else if (keepMissing) names.push(pattern);
  }
  return names;
}

/**
 * Reads a property case-insensitively, as PowerShell does; an exact match wins.
 * @param record the object
 * @param name the property name
 * @returns its value, undefined when missing
 */
export function readProperty(record: FormatRecord, name: string): unknown {
  if (Object.hasOwn(record, name)) return record[name];
  const folded = name.toLowerCase();
  for (const key of Object.keys(record)) if (key.toLowerCase() === folded) return record[key];
  return undefined;
}
