/**
 * Security identifiers (MS-DTYP 2.4.2): objectSid comes binary from LDAP and LDIF, and as S-1-...
 * text from Export-Csv. The directory keeps and shows the text form, as Get-ADUser does.
 */

const SID_TEXT = /^S-1-\d+(?:-\d+){0,15}$/i;

/**
 * The S-1-... text of a binary SID.
 * @param bytes revision 1, the sub-authority count, a 48-bit big-endian authority, then that many
 *   32-bit little-endian sub-authorities
 * @returns the text, or undefined when the bytes are not a SID
 */
export function sidText(bytes: Buffer): string | undefined {
  if (bytes.length < 8 || bytes[0] !== 1) return undefined;
  const count = bytes[1] ?? 0;
  if (count > 15 || bytes.length !== 8 + 4 * count) return undefined;
  const authority = bytes.readUIntBE(2, 6);
  const subs = Array.from({ length: count }, (_, i) => bytes.readUInt32LE(8 + 4 * i));
  return ['S', '1', authority, ...subs].join('-');
}

/**
 * A SID as the directory keeps it: S-1-... text as given (upper-case S), base64 of a binary SID
 * (LDIF) as its text.
 * @param value the exported value
 * @returns the text, or undefined when the value is neither
 */
export function sidOf(value: string): string | undefined {
  const text = value.trim();
  if (SID_TEXT.test(text)) return `S${text.slice(1)}`;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  return sidText(Buffer.from(text, 'base64'));
}
