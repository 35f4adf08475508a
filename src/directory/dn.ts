/**
 * Distinguished names. DNs are equal as RFC 4514 says (case, spaces around the separators, escapes:
 * `\2C` is `\,`), so every DN is stored and looked up by a key: its RDNs, canonical, reversed (root
 * first) and each followed by ','. Reversal makes "this OU and every child OU" one index range (see {@link subtreeRange}).
 */

/** Splits a DN into its RDNs at unescaped commas (RFC 4514), trimming spaces around each part. */
export function splitDn(dn: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < dn.length; i++) {
    const ch = dn[i];
    if (ch === '\\' && i + 1 < dn.length) {
      current += ch + dn[++i];
    } else if (ch === ',' || ch === ';') {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map(normalizeRdn);
}

function normalizeRdn(rdn: string): string {
  const eq = rdn.indexOf('=');
  if (eq < 0) return rdn.trim().toLowerCase();
  const type = rdn.slice(0, eq).trim().toLowerCase();
  const value = trimUnescaped(rdn.slice(eq + 1)).toLowerCase();
  return `${type}=${value}`;
}

/** Trims leading spaces, and trailing spaces that are not escaped ("a\ " keeps its space). */
function trimUnescaped(value: string): string {
  let end = value.length;
  while (end > 0 && value[end - 1] === ' ' && !isEscaped(value, end - 1)) end--;
  return value.slice(0, end).trimStart();
}

/** Whether the character at index follows an odd number of backslashes ("a\\ " ends in a plain space). */
function isEscaped(value: string, index: number): boolean {
  let count = 0;
  for (let i = index - 1; i >= 0 && value[i] === '\\'; i--) count++;
  return count % 2 === 1;
}

/** True when the text has the shape of a DN: `type=value` RDNs separated by commas. */
export function looksLikeDn(text: string): boolean {
  if (SIMPLE_DN.test(text)) return true;
  // Types are names or numeric OIDs (`2.5.4.11=IT`).
  return /^\s*(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)\s*=/.test(text) && splitDn(text).every((rdn) => /^(?:[a-z][a-z0-9-]*|\d+(?:\.\d+)+)=./.test(rdn));
}

// The common case, decided without splitting: type=value RDNs, no escapes, no spaces at the separators.
const SIMPLE_DN = /^[A-Za-z][A-Za-z0-9-]*=[^,=\\;\s](?:[^,=\\;]*[^,=\\;\s])?(?:,[A-Za-z][A-Za-z0-9-]*=[^,=\\;\s](?:[^,=\\;]*[^,=\\;\s])?)*$/;

// Escapes, quotes, '+', ';' separators, OID types or spaces next to a separator need the full parser; most DNs have none.
const NEEDS_PARSING = /[\\;+"<>]|=#|\s[,=]|[,=]\s|^\s|\s$|(?:^|,)(?:oid\.)?\d/i;

const NON_ASCII = /[^\u0000-\u007f]/u;

/**
 * The lookup key of a DN: RFC 4514 equality made a string. RDNs root first, each followed by ','; in each,
 * attribute types lower-cased (OIDs named), values unescaped (`\2C` is `\,`, `\C3\BC` is `ü`), lower-cased
 * and re-escaped one way, the values of a multi-valued RDN sorted.
 */
export function dnKey(dn: string): string {
  if (!NEEDS_PARSING.test(dn)) {
    const lower = dn.toLowerCase();
    // ASCII is its own NFKC form.
    const folded = NON_ASCII.test(lower) ? lower.normalize('NFKC') : lower;
    return `${folded.split(',').reverse().join(',')},`;
  }
  return rdnParts(dn).reverse().map((rdn) => `${canonicalRdn(rdn)},`).join('');
}

/** The RDNs of a DN as written, split at unescaped ',' or ';'. */
function rdnParts(dn: string): string[] {
  return splitUnescaped(dn, ',;');
}

function splitUnescaped(text: string, separators: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (separators.includes(text[i] ?? '')) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function canonicalRdn(rdn: string): string {
  return splitUnescaped(rdn, '+')
    .map((ava) => {
      const eq = ava.indexOf('=');
      if (eq < 0) return escapeDnValue(unescapeDnValue(trimUnescaped(ava)).toLowerCase().normalize('NFKC'));
      const type = ava.slice(0, eq).trim().toLowerCase().replace(/^oid\./, '');
      const value = unescapeDnValue(trimUnescaped(ava.slice(eq + 1)));
      return `${attributeTypeName(type)}=${escapeDnValue(value.normalize('NFKC').toLowerCase())}`;
    })
    .sort()
    .join('+');
}

/**
 * A DN attribute value without its escapes: `\XX` pairs are UTF-8 bytes, `\c` is c; a quoted value loses its quotes.
 * @param value the value as written, trimmed
 * @returns the value
 */
export function unescapeDnValue(value: string): string {
  return value.replace(/(?:\\[0-9A-Fa-f]{2})+|\\(.)/gs, (match: string, ch: string | undefined) =>
    ch ?? Buffer.from(match.replace(/\\/g, ''), 'hex').toString('utf8'),
  );
}

/** One escaping for every character RFC 4514 lets a writer escape, so equal values get equal text. */
function escapeDnValue(value: string): string {
  return value
    .replace(/[,+"\\<>;]/g, (ch) => `\\${ch}`)
    .replace(/^[ #]/, (ch) => `\\${ch}`)
    .replace(/ $/, '\\ ');
}

/** Numeric OIDs of the naming attributes, as their names. */
const TYPE_NAMES: ReadonlyMap<string, string> = new Map([
  ['2.5.4.3', 'cn'],
  ['2.5.4.11', 'ou'],
  ['2.5.4.10', 'o'],
  ['0.9.2342.19200300.100.1.25', 'dc'],
  ['2.5.4.6', 'c'],
  ['2.5.4.7', 'l'],
  ['2.5.4.8', 'st'],
  ['0.9.2342.19200300.100.1.1', 'uid'],
]);

function attributeTypeName(type: string): string {
  return TYPE_NAMES.get(type) ?? type;
}

/** The DNs of every container above this DN, nearest first ("CN=a,OU=b,DC=c" → ["OU=b,DC=c", "DC=c"]). */
export function parentDns(dn: string): string[] {
  const result: string[] = [];
  let inEscape = false;
  for (let i = 0; i < dn.length; i++) {
    const ch = dn[i];
    if (inEscape) inEscape = false;
    else if (ch === '\\') inEscape = true;
    else if (ch === ',' || ch === ';') result.push(dn.slice(i + 1).trim());
  }
  return result;
}

/** The value of the first RDN ("CN=Ken Myer,OU=..." → "Ken Myer"), unescaped. */
export function firstRdnValue(dn: string): string {
  const parts = dn.match(/^\s*[^=]+=((?:\\.|[^,;\\])*)/);
  // Trim before unescaping ("a\ " keeps its space); \XX hex pairs are UTF-8 bytes (RFC 4514).
  return unescapeDnValue(trimUnescaped(parts?.[1] ?? ''));
}

/**
 * The key range holding a container and everything below it: `key >= low AND key < high`.
 * Keys end with ',', and '-' is the character after ',', so no sibling such as "ou=finance2" falls inside.
 */
export function subtreeRange(containerDn: string): { low: string; high: string } {
  const low = dnKey(containerDn);
  return { low, high: `${low.slice(0, -1)}-` };
}
