/**
 * Get-ADUser's search against the server: every user (AD: objectCategory=person and objectClass=user,
 * as the ActiveDirectory module asks; another server: objectClass=person), with the attributes asked
 * for. Binary values come back as bytes and are given as text: SIDs as S-1-..., others as base64.
 */
import { AndFilter, EqualityFilter, NotFilter, OrFilter, type Filter } from 'ldapts';
import type { LdapFilter } from '../ldap/ast.js';
import { sidText } from '../sid.js';
import type { DirectoryEntry, EntrySearch } from '../userDirectory.js';
import { anyUserOf, guidBytes, guidText, userAttributes } from './entries.js';
import { filterObject } from './filterObject.js';
import { pagedSearch, type SearchContext } from './search.js';
import type { LdapEntry } from './wire/responses.js';

/** Attributes whose values are bytes, not UTF-8 text (lower-cased). */
const BINARY: ReadonlySet<string> = new Set([
  'objectguid', 'objectsid', 'sidhistory', 'thumbnailphoto', 'jpegphoto', 'usercertificate', 'usersmimecertificate', 'logonhours',
  'msexchmailboxguid', 'msexcharchiveguid', 'ms-ds-consistencyguid', 'ntsecuritydescriptor', 'msexchsafesendershash',
  'msexchblockedsendershash', 'msexchsaferecipientshash', 'terminalserver', 'msmqsigncertificates', 'msmqdigests',
]);
const SIDS: ReadonlySet<string> = new Set(['objectsid', 'sidhistory']);

/**
 * The users a search selects, with their attributes, a page at a time.
 * @throws TerminatingError as searchUsers
 */
export function searchEntries(context: SearchContext, search: EntrySearch): AsyncGenerator<readonly DirectoryEntry[]> {
  const { session, names } = context;
  const own = userAttributes(names);
  const ownTypes = new Set(own.map((name) => name.toLowerCase()));
  const users: Filter[] = session.isAd
    ? [new EqualityFilter({ attribute: 'objectCategory', value: 'person' }), new EqualityFilter({ attribute: 'objectClass', value: 'user' })]
    : [new EqualityFilter({ attribute: 'objectClass', value: 'person' })];
  const parameters = {
    base: search.base ?? session.base,
    scope: search.scope ?? 'sub',
    filter: new AndFilter({ filters: [...users, ...(search.filter ? [serverFilter(search.filter, session.isAd)] : [])] }),
    attributes: search.attributes === '*' ? ['*', ...own] : [...own, ...search.attributes],
    binary: BINARY,
  };
  return pagedSearch(context, parameters, search.limit, (entry) => ({
    user: anyUserOf(entry, names, session.netbiosName),
    attributes: attributesOf(entry, ownTypes),
    names: session.client.typeSpellings,
  }));
}

/**
 * The filter as sent: a GUID's equality is objectGUID's bytes on AD and entryUUID elsewhere; entryDN
 * (RFC 5020) is distinguishedName on AD, which has no entryDN.
 */
function serverFilter(filter: LdapFilter, isAd: boolean): Filter {
  switch (filter.type) {
    case 'and':
      return new AndFilter({ filters: filter.filters.map((f) => serverFilter(f, isAd)) });
    case 'or':
      return new OrFilter({ filters: filter.filters.map((f) => serverFilter(f, isAd)) });
    case 'not':
      return new NotFilter({ filter: serverFilter(filter.filter, isAd) });
    case 'equality': {
      const attribute = filter.attribute.toLowerCase();
      if (attribute === 'objectguid') {
        const bytes = guidBytes(filter.value);
        if (bytes) return isAd ? new EqualityFilter({ attribute: 'objectGUID', value: bytes }) : new EqualityFilter({ attribute: 'entryUUID', value: filter.value.toLowerCase() });
      }
      if (attribute === 'entrydn' && isAd) return new EqualityFilter({ attribute: 'distinguishedName', value: filter.value });
      return filterObject(filter);
    }
    default:
      return filterObject(filter);
  }
}

/** An entry's attributes beyond the user's own fields, values as text. */
function attributesOf(entry: LdapEntry, own: ReadonlySet<string>): Map<string, string[]> {
  const attributes = new Map<string, string[]>();
  entry.types.forEach((type, i) => {
    if (own.has(type)) return;
    const raw = entry.values[i];
    const values = raw === undefined ? [] : typeof raw === 'string' || Buffer.isBuffer(raw) ? [raw] : raw;
    attributes.set(
      type,
      values.map((value) => (typeof value === 'string' ? value : binaryText(type, value))),
    );
  });
  return attributes;
}

function binaryText(type: string, bytes: Buffer): string {
  if (SIDS.has(type)) return sidText(bytes) ?? bytes.toString('base64');
  if (type.endsWith('guid') && bytes.length === 16) return guidText(bytes);
  return bytes.toString('base64');
}
