/**
 * Identity resolution against the server: a chunk of at most {@link RESOLVE_CHUNK} identities is one
 * paged search whose filter ORs the chunk's keys (each value escaped per RFC 4515); the answers are
 * matched back to the identities on this side, with the same rules as the embedded directory.
 */
import type { LdapAttributeNames } from '../directoryConfig.js';
import { dnKey } from '../dn.js';
import type { LdapFilter } from '../ldap/ast.js';
import { NoSuchObjectError } from 'ldapts';
import type { DirectorySearch, DirectoryUser } from '../userDirectory.js';
import { classifyIdentity, type UserId } from '../userId.js';
import { BINARY_ATTRIBUTES, userAttributes, userOf } from './entries.js';
import { searchError } from './errors.js';
import { filterObject, usersWhere } from './filterObject.js';
import { checkReferrals, type SearchContext } from './search.js';
import { searchAll } from './wire/connection.js';

/** Identities per search: bounds the filter's size. */
export const RESOLVE_CHUNK = 100;

/** A chunk's keys by form, each key → the input indexes that name it. */
interface ChunkKeys {
  sip: Map<string, number[]>;
  upn: Map<string, number[]>;
  logon: Map<string, number[]>;
  dn: Map<string, number[]>;
  display: Map<string, number[]>;
  wildcards: { index: number; pattern: RegExp }[];
  clauses: LdapFilter[];
}

function add(map: Map<string, number[]>, key: string, index: number): void {
  const list = map.get(key);
  if (list) list.push(index);
  else map.set(key, [index]);
}

/** A display-name wildcard as a substrings filter, and as a pattern for matching answers back. */
function wildcard(text: string, attribute: string): { clause: LdapFilter; pattern: RegExp } {
  const parts = text.split('*');
  const [initial = '', ...rest] = parts;
  const final = rest.pop() ?? '';
  const any = rest.filter((part) => part !== '');
  const clause: LdapFilter =
    initial === '' && final === '' && any.length === 0
      ? { type: 'present', attribute }
      : { type: 'substrings', attribute, initial: initial || undefined, any, final: final || undefined };
  const source = parts.map((part) => part.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return { clause, pattern: new RegExp(`^${source}$`, 's') };
}

function keysOf(ids: readonly UserId[], names: LdapAttributeNames, dnAttribute: string): ChunkKeys {
  const keys: ChunkKeys = { sip: new Map(), upn: new Map(), logon: new Map(), dn: new Map(), display: new Map(), wildcards: [], clauses: [] };
  const eq = (attribute: string, value: string) => keys.clauses.push({ type: 'equality', attribute, value });
  ids.forEach((id, index) => {
    const text = id.text.trim();
    const form = classifyIdentity(id.text);
    switch (form.kind) {
      case 'sip':
        add(keys.sip, form.key, index);
        eq(names.sip, text);
        break;
      case 'upn':
        // A UPN-shaped value with no UPN match is also tried as sip:+value.
        add(keys.upn, form.key, index);
        eq(names.upn, text);
        eq(names.sip, `sip:${text}`);
        break;
      case 'logon':
        add(keys.logon, form.key, index);
        eq(names.sam, text.slice(text.indexOf('\\') + 1));
        break;
      case 'dn':
        add(keys.dn, form.key, index);
        eq(dnAttribute, text);
        break;
      case 'display':
        add(keys.display, form.key, index);
        eq(names.displayName, text);
        break;
      case 'displayWildcard': {
        const { clause, pattern } = wildcard(text, names.displayName);
        keys.wildcards.push({ index, pattern });
        keys.clauses.push(clause);
        break;
      }
    }
  });
  return keys;
}

/** The input indexes a user answers; a UPN identity takes sip:+UPN only when no UPN matched. */
function indexesOf(user: DirectoryUser, keys: ChunkKeys): { direct: number[]; sipOfUpn: number[] } {
  const fold = (value: string | null) => value?.toLowerCase() ?? '';
  const sip = fold(user.sip);
  const direct: number[] = [];
  const add = (found: number[] | undefined) => {
    if (found) direct.push(...found);
  };
  // Each key is made only when the chunk holds identities of its form (a DN key costs a parse).
  if (keys.sip.size > 0) add(keys.sip.get(sip));
  if (keys.upn.size > 0) add(keys.upn.get(fold(user.upn)));
  if (keys.logon.size > 0) add(keys.logon.get(`${fold(user.domain)}\\${fold(user.sam)}`));
  if (keys.dn.size > 0) add(keys.dn.get(dnKey(user.dn)));
  if (keys.display.size > 0) add(keys.display.get(fold(user.displayName)));
  for (const w of keys.wildcards) if (user.displayName !== null && w.pattern.test(fold(user.displayName))) direct.push(w.index);
  const sipOfUpn = keys.upn.size > 0 && sip.startsWith('sip:') ? (keys.upn.get(sip.slice(4)) ?? []) : [];
  return { direct, sipOfUpn };
}

/**
 * Resolves one chunk with one search.
 * @param ids at most {@link RESOLVE_CHUNK} identities
 * @param scope only users below its base and matching its filter
 * @returns input index → its users, in DN order; absent: not found
 */
export async function resolveChunk(context: SearchContext, ids: readonly UserId[], scope?: DirectorySearch): Promise<Map<number, DirectoryUser[]>> {
  const { session, names } = context;
  const keys = keysOf(ids, names, session.isAd ? 'distinguishedName' : 'entryDN');
  const found = new Map<number, DirectoryUser[]>();
  if (keys.clauses.length === 0) return found;
  if (!session.client.isConnected) throw searchError(new Error('the connection is closed'), session);
  let result;
  try {
    result = await searchAll(session.client, {
      base: scope?.base ?? session.base,
      scope: 'sub',
      filter: usersWhere(names.sip, [filterObject({ type: 'or', filters: keys.clauses }), ...(scope?.filter ? [filterObject(scope.filter)] : [])]),
      attributes: userAttributes(names),
      binary: BINARY_ATTRIBUTES,
      paged: { size: context.pageSize },
    });
  } catch (error) {
    // A scope base that names nothing holds no users (-OU is checked before).
    if (error instanceof NoSuchObjectError) return found;
    throw searchError(error, session);
  }
  checkReferrals(context, result.references);
  const byUpn = new Map<number, DirectoryUser[]>();
  for (const entry of result.entries) {
    const user = userOf(entry, names, session.netbiosName);
    if (!user) continue;
    const { direct, sipOfUpn } = indexesOf(user, keys);
    for (const index of new Set(direct)) found.set(index, [...(found.get(index) ?? []), user]);
    for (const index of sipOfUpn) byUpn.set(index, [...(byUpn.get(index) ?? []), user]);
  }
  for (const [index, users] of byUpn) if (!found.has(index)) found.set(index, users);
  for (const users of found.values()) if (users.length > 1) users.sort((a, b) => compare(dnKey(a.dn), dnKey(b.dn)));
  return found;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
