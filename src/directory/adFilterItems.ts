/**
 * One comparison of the ActiveDirectory module's -Filter language as LDAP, the way the module
 * translates it (about_ActiveDirectory_Filter): -gt is `>=` and not `=`, -ne and -notlike negate,
 * a property name becomes its LDAP attribute, and a value takes the attribute's type (a date becomes
 * a generalized time, or a FILETIME integer for pwdLastSet and the like).
 */
import { dateLike } from '../core/index.js';
import type { LdapFilter, LdapItem } from './ldap/ast.js';
import { attributeType, fileTimeText, isFileTimeAttribute, schemaAttributeName, valueKey } from './ldap/attributes.js';
import { directoryMessages } from './messages.js';

const TEXTS = directoryMessages.InvalidAdFilter;

/** The comparison operators -Filter takes, by their letters. */
export const AD_COMPARISONS = ['eq', 'ne', 'like', 'notlike', 'gt', 'ge', 'lt', 'le', 'approx', 'band', 'bor'] as const;
/** A comparison operator of -Filter. */
export type AdComparison = (typeof AD_COMPARISONS)[number];

/** A comparison's value: text (quoted or a bare word), `$true`/`$false`, or `$null`. */
export type AdValue =
  | { readonly kind: 'text'; readonly text: string; readonly quoted: boolean }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' };

/** A comparison as parsed, with where its parts stand for errors. */
export interface AdComparisonText {
  readonly property: string;
  readonly operator: AdComparison;
  /** The operator as written, for messages. */
  readonly operatorText: string;
  readonly operatorPosition: number;
  readonly value: AdValue;
  readonly valuePosition: number;
}

/** Throws the filter's usage error at a position. */
export type Fail = (reason: string, position: number) => never;

const UAC = 'userAccountControl';
/** ADS_UF_ACCOUNTDISABLE, the userAccountControl bit Get-ADUser's Enabled is the negation of. */
const ACCOUNTDISABLE = 2;
const disabledBit: LdapItem = { type: 'bitwiseAnd', attribute: UAC, value: ACCOUNTDISABLE };
const noUac: LdapFilter = { type: 'not', filter: { type: 'present', attribute: UAC } };
/** Without userAccountControl (a directory that only knows Lync's attributes), msRTCSIP-UserEnabled says. */
const lyncEnabled = (value: 'TRUE' | 'FALSE'): LdapFilter => ({ type: 'and', filters: [noUac, { type: 'equality', attribute: 'msRTCSIP-UserEnabled', value }] });
const ENABLED: LdapFilter = {
  type: 'or',
  filters: [{ type: 'and', filters: [{ type: 'present', attribute: UAC }, { type: 'not', filter: disabledBit }] }, lyncEnabled('TRUE')],
};
const DISABLED: LdapFilter = { type: 'or', filters: [disabledBit, lyncEnabled('FALSE')] };

const INTEGER = /^-?\d+$/;
const HEX = /^0x[0-9a-f]+$/i;
const ESCAPED_BYTES = /(?:\\[0-9a-fA-F]{2})+/g;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The LDAP filter of one comparison.
 * @param comparison the comparison as parsed
 * @param fail throws the usage error at a position
 * @returns the filter
 */
export function comparisonFilter(comparison: AdComparisonText, fail: Fail): LdapFilter {
  const { property, operator, value } = comparison;
  if (property.toLowerCase() === 'enabled') return enabledFilter(comparison, fail);
  const attribute = schemaAttributeName(property);
  if (value.kind === 'null') {
    if (operator !== 'eq' && operator !== 'ne') fail(TEXTS.nullOperator(comparison.operatorText), comparison.operatorPosition);
    const present: LdapFilter = { type: 'present', attribute };
    return operator === 'eq' ? { type: 'not', filter: present } : present;
  }
  const typed = (): string => assertionValue(attribute, value, (reason) => fail(reason, comparison.valuePosition));
  switch (operator) {
    case 'band':
    case 'bor':
      return { type: operator === 'band' ? 'bitwiseAnd' : 'bitwiseOr', attribute, value: integerValue(comparison, fail) };
    case 'eq':
    case 'ne': {
      // A lone * is presence with -eq too; any other * is a literal character.
      const item: LdapItem = isText(value, '*') ? { type: 'present', attribute } : { type: 'equality', attribute, value: typed() };
      return operator === 'eq' ? item : { type: 'not', filter: item };
    }
    case 'like':
    case 'notlike': {
      const item = value.kind === 'text' && value.text.includes('*') ? wildcardItem(attribute, value.text, comparison, fail) : undefined;
      const filter: LdapItem = item ?? { type: 'equality', attribute, value: typed() };
      return operator === 'like' ? filter : { type: 'not', filter };
    }
    case 'approx':
      return { type: 'approx', attribute, value: typed() };
    case 'ge':
    case 'le':
      return { type: operator === 'ge' ? 'greaterOrEqual' : 'lessOrEqual', attribute, value: typed() };
    case 'gt':
    case 'lt': {
      const text = typed();
      const bound: LdapItem = { type: operator === 'gt' ? 'greaterOrEqual' : 'lessOrEqual', attribute, value: text };
      return { type: 'and', filters: [bound, { type: 'not', filter: { type: 'equality', attribute, value: text } }] };
    }
  }
}

function isText(value: AdValue, text: string): boolean {
  return value.kind === 'text' && value.text === text;
}

/** Enabled is userAccountControl's ACCOUNTDISABLE bit, clear (or msRTCSIP-UserEnabled where there is no userAccountControl). */
function enabledFilter({ operator, operatorPosition, value, valuePosition }: AdComparisonText, fail: Fail): LdapFilter {
  if (operator !== 'eq' && operator !== 'ne') fail(TEXTS.enabled, operatorPosition);
  const text = value.kind === 'text' ? value.text.toLowerCase() : undefined;
  const wanted = value.kind === 'boolean' ? value.value : text === 'true' ? true : text === 'false' ? false : fail(TEXTS.enabled, valuePosition);
  return (operator === 'eq') === wanted ? ENABLED : DISABLED;
}

/** The integer of -band and -bor: decimal, or hexadecimal as PowerShell writes it (`0x80000000`, unsigned). */
function integerValue({ operatorText, value, valuePosition }: AdComparisonText, fail: Fail): number {
  const text = value.kind === 'text' ? value.text.trim() : '';
  const number = INTEGER.test(text) || HEX.test(text) ? Number(BigInt(text)) : Number.NaN;
  return Number.isSafeInteger(number) ? number : fail(TEXTS.integer(operatorText), valuePosition);
}

/** -like's pattern: `*` alone is presence, else substrings (the parts between the `*`s, decoded). */
function wildcardItem(attribute: string, pattern: string, { valuePosition }: AdComparisonText, fail: Fail): LdapItem {
  const parts = pattern.split('*').map((part) => decodeEscapes(part, (reason) => fail(reason, valuePosition)));
  const initial = parts[0] || undefined;
  const final = parts[parts.length - 1] || undefined;
  // Empty middle parts (`a**b`) add nothing to the match.
  const any = parts.slice(1, -1).filter((part) => part !== '');
  if (initial === undefined && final === undefined && any.length === 0) return { type: 'present', attribute };
  return { type: 'substrings', attribute, initial, any, final };
}

/**
 * The assertion value of a comparison, typed for its attribute: booleans are TRUE and FALSE, a bare
 * integer is the number PowerShell reads (`007` is 7, `0x10` is 16), a date is a generalized time or
 * a FILETIME integer as the attribute wants; LDAP escapes (`\5c`, `\2a`) are decoded, as the module
 * hands them to LDAP.
 */
function assertionValue(attribute: string, value: AdValue & { kind: 'text' | 'boolean' }, fail: (reason: string) => never): string {
  if (value.kind === 'boolean') return value.value ? 'TRUE' : 'FALSE';
  const number = value.quoted ? undefined : bareInteger(value.text);
  const text = number ?? decodeEscapes(value.text, fail);
  if (attributeType(attribute)?.syntax === 'time') return generalizedTime(text) ?? fail(TEXTS.date(attribute));
  if (isFileTimeAttribute(attribute) && !INTEGER.test(text.trim())) return fileTimeText(text) ?? fail(TEXTS.fileTime(attribute));
  return text;
}

function bareInteger(word: string): string | undefined {
  return INTEGER.test(word) || HEX.test(word) ? BigInt(word).toString() : undefined;
}

/** A time as AD writes it in filters (`20250131080000.0Z`, UTC); a generalized time already is one. */
function generalizedTime(text: string): string | undefined {
  if (valueKey('time', text) !== undefined) return text.trim();
  const ms = dateLike(text);
  if (ms === undefined) return undefined;
  const iso = new Date(ms).toISOString();
  const fraction = iso.slice(20, 23).replace(/0+$/, '') || '0';
  return `${iso.slice(0, 19).replace(/[-:T]/g, '')}.${fraction}Z`;
}

/** Decodes LDAP's `\XX` escapes (runs of them are UTF-8 bytes); any other backslash stands for itself. */
function decodeEscapes(text: string, fail: (reason: string) => never): string {
  return text.replace(ESCAPED_BYTES, (run) => {
    const bytes = Uint8Array.from(run.match(/[0-9a-fA-F]{2}/g) ?? [], (hex) => parseInt(hex, 16));
    try {
      return utf8.decode(bytes);
    } catch {
      return fail(TEXTS.notUtf8);
    }
  });
}
