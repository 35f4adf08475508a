/**
 * How SfB derives user properties from AD attributes, shared by the LDAP backend and cspin import:
 * RegistrarPool is the pool named under CN=Pools by msRTCSIP-PrimaryHomeServer, Enterprise Voice is
 * bit 128 of msRTCSIP-OptionFlags, and the NetBIOS domain defaults to the DN's first DC label.
 */
import { firstRdnValue } from './dn.js';

/** Enterprise Voice in msRTCSIP-OptionFlags. */
const EV_FLAG = 128;

/**
 * The pool a home server DN names: the RDN under CN=Pools; a value that is no such DN as it is.
 * @param homeServer msRTCSIP-PrimaryHomeServer, or a pool's name
 * @returns the pool's name
 */
export function poolOf(homeServer: string | null): string | null {
  if (homeServer === null) return null;
  const rdns = homeServer.match(/(?:\\.|[^,;\\])+/g) ?? [];
  const pools = rdns.findIndex((rdn) => /^\s*cn\s*=\s*pools\s*$/i.test(rdn));
  const under = pools > 0 ? rdns[pools - 1] : undefined;
  return under === undefined ? homeServer : firstRdnValue(under);
}

/**
 * Whether msRTCSIP-OptionFlags enables Enterprise Voice.
 * @param flags the attribute's text
 * @returns the bit, or undefined when the text is no integer
 */
export function enterpriseVoiceOf(flags: string): boolean | undefined {
  if (!/^\s*-?\d+\s*$/.test(flags)) return undefined;
  const value = Number.parseInt(flags, 10);
  return Number.isSafeInteger(value) ? (value & EV_FLAG) !== 0 : undefined;
}

/** The first DC label of a DN: CN=x,DC=litwareinc,DC=com → litwareinc. */
export function firstDcLabel(dn: string): string | null {
  return /(?:^|,)\s*dc\s*=\s*([^,]+)/i.exec(dn)?.[1]?.trim() ?? null;
}
