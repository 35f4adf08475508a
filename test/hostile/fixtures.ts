/** Expected objects and input builders the hostile input and import corpora share. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseContext } from './corpus.js';

export const KEN = 'sip:kenmyer@litwareinc.com';
export const PILAR = 'sip:pilar@litwareinc.com';
export const AIDAN = 'sip:aidan@litwareinc.com';
/** The PIN of the hostile tester's report, used wherever a PIN must never be echoed. */
export const PIN = '61739284';

const PIN_INFO = 'Microsoft.Rtc.Management.UserPinService.PinInfoDetails';

/** The sample's PinInfoDetails, as the README documents them. */
export const KEN_INFO = { PSTypeName: PIN_INFO, Identity: KEN, IsPinSet: true, IsLockedOut: false, LastPinChangeTime: '2012-09-25T13:35:03.000Z', PinExpirationTime: null };
export const PILAR_INFO = { PSTypeName: PIN_INFO, Identity: PILAR, IsPinSet: true, IsLockedOut: true, LastPinChangeTime: '2012-08-14T09:12:40.000Z', PinExpirationTime: null };
export const AIDAN_INFO = { PSTypeName: PIN_INFO, Identity: AIDAN, IsPinSet: false, IsLockedOut: false, LastPinChangeTime: null, PinExpirationTime: null };

/** One NDJSON line per value. */
export function ndjson(...values: unknown[]): string {
  return values.map((value) => `${JSON.stringify(value)}\n`).join('');
}

/**
 * A setup that writes files into the case's folder.
 * @param files name → text or bytes
 * @returns the setup function
 */
export function files(entries: Record<string, string | Buffer>): (context: CaseContext) => void {
  return ({ dir }) => {
    for (const [name, content] of Object.entries(entries)) writeFileSync(join(dir, name), content);
  };
}

/** An ADUser as Get-CsUser writes it, for users a case imports (defaults: none of the optional values). */
export function adUser(user: { dn: string; sip: string; sam?: string; upn?: string; displayName?: string; enabled?: boolean; lineUri?: string }): Record<string, unknown> {
  return {
    PSTypeName: 'Microsoft.Rtc.Management.ADConnect.Schema.ADUser',
    Identity: user.dn,
    SipAddress: user.sip,
    UserPrincipalName: user.upn ?? null,
    SamAccountName: user.sam ?? null,
    DisplayName: user.displayName ?? null,
    Enabled: user.enabled ?? true,
    RegistrarPool: null,
    LineUri: user.lineUri ?? null,
    EnterpriseVoiceEnabled: false,
    PinPolicy: null,
  };
}
