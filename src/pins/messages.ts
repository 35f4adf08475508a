/**
 * The PIN store's message table, keyed by its error ids (and by the engine's CannotConvertArgument,
 * whose detail a policy identity gives). Messages never show a PIN or the PIN key.
 */
import { echo, type CoreErrorId, type MessageTable } from '../core/index.js';
import type { PinErrorId } from './errorIds.js';

export const pinMessages = {
  // The PIN key (a secret: never shown).
  KeyFileNotRegular: (path: string) => `The PIN key file ${echo(path)} is not a regular file: cspin reads its key only from a plain file (mode 0600).`,
  KeyFilePermissions: (path: string, mode: string, quoted: string) =>
    `The PIN key file ${echo(path)} can be read or changed by other users (mode ${mode}): cspin refuses it, as ssh refuses such a private key. Restrict it with: chmod 600 ${echo(quoted)}`,
  PinKeyMissing: {
    noFingerprint: 'This database has no PIN key fingerprint; recreate it with cspin init.',
    missing: (file: string) => `The PIN key is missing: neither CSPIN_PIN_KEY nor ${echo(file)} is there. PINs cannot be checked or set without it.`,
  },
  PinKeyMismatch: {
    environment: 'The PIN key (CSPIN_PIN_KEY) is not the key of this database. If it was rotated (cspin rotate-key), set CSPIN_PIN_KEY to the new key.',
    file: (file: string) =>
      `The PIN key (${echo(file)}) is not the key of this database. If cspin rotate-key ran with CSPIN_PIN_KEY set, set CSPIN_PIN_KEY to the key it printed.`,
    rotated: 'The PIN key was replaced (cspin rotate-key) while this command ran; nothing more was changed. Run the command again.',
  },
  PinKeyInvalid: {
    file: (file: string) => `The PIN key file ${echo(file)} does not hold a PIN key (64 hexadecimal digits).`,
    environment: 'CSPIN_PIN_KEY is not a PIN key: it must be 64 hexadecimal digits (32 bytes).',
  },
  PinChangedDuringLogon: (times: number) => `The PIN changed ${times} times while it was being checked; try again later.`,
  // PIN policies.
  PinPolicyViolation: {
    tooShort: (min: number) => `it has fewer than ${min} digits (MinPasswordLength)`,
    commonPattern: (pattern: string) => `it is a common pattern (${pattern}), which the policy does not allow (AllowCommonPatterns is False)`,
  },
  PinLifetimeRequiresHistory: (identity: string, lifetime: number) =>
    `PIN policy "${echo(identity)}" cannot have a PINLifetime of ${lifetime} days with a PINHistoryCount of 0: when PINLifetime is greater than 0, PINHistoryCount must be greater than 0 too.`,
  CannotConvertArgument: {
    scope: (shown: string) =>
      `PIN policies exist at the global, site and per-user scopes only: use Global, site:<Site> or tag:<Name> (a bare name is tag:<Name>), not "${shown}".`,
    noName: (shown: string, scope: string) => `"${shown}" names no policy: give a name after "${scope}:".`,
    colon: (shown: string, scope: string) => `"${shown}" is not a policy identity: a ${scope} name cannot contain ":".`,
    wildcard: (shown: string) => `Wildcard characters cannot be used in a policy Identity ("${shown}"); use -Filter to search.`,
    notPerUser: (name: string, scope: string) =>
      `"${echo(name)}" is a ${scope} policy: Grant-CsPinPolicy assigns per-user policies only (a site policy applies to the users of its site's registrar pools).`,
    xdsIdentity: (text: string) => `Cannot convert value "${echo(text)}" to type "XdsIdentity".`,
  },
  InvalidPolicyInstance: {
    noIdentity: 'The -Instance object has no Identity: pipe the objects Get-CsPinPolicy writes, or objects with an Identity property.',
    badValue: (name: string, value: unknown) => `The -Instance property ${name} has a value that is not a valid ${name}: ${echo(JSON.stringify(value))}.`,
  },
  // Sites (cspin site).
  InvalidSiteName: {
    empty: 'The site name is empty.',
    invalid: (text: string) => `"${echo(text)}" is not a site name: it cannot contain ":" or wildcard characters.`,
  },
} satisfies MessageTable<PinErrorId, CoreErrorId>;
