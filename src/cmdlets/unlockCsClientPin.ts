import { pinLockCmdlet } from './pinLock.js';
import { defineServiceCmdlet } from './services.js';
import { ALL_USERS, pinInfo } from './sampleObjects.js';

export default defineServiceCmdlet({
  name: 'Unlock-CsClientPin',
  synopsis: 'Unlocks a user\'s dial-in conferencing personal identification number (PIN), so that it can be used to sign in again.',
  description:
    'A PIN is locked by Lock-CsClientPin, or by the system when the user has failed to sign in with it too many times (the global limit of the PIN policy). Either way, only Unlock-CsClientPin unlocks it. Unlocking also resets the user\'s failure counters, global and local, and ends a temporary lockout.',
  ...pinLockCmdlet(false),
  notes: [
    'No output, as documented; -PassThru (cspin extension) writes each user\'s PinInfoDetails after the change.',
    'Unlocking a PIN that is not locked only resets its failure counters; each user\'s change is one transaction.',
    'A display name that matches several users is refused (AmbiguousIdentity, nothing changed) unless it has a * wildcard, which unlocks every match.',
  ],
  examples: [
    {
      title: 'Unlock the PIN of one user',
      code: 'Unlock-CsClientPin -Identity "litwareinc\\kenmyer"',
      remarks: 'Unlocks the PIN of the user litwareinc\\kenmyer and resets the user\'s failure counters. Nothing is written to the output.',
      expect: {
        stdout: '',
        // Ken Myer's PIN is not locked in the sample: it stays unlocked, and the change time stays.
        then: { code: 'Get-CsClientPinInfo -Identity "litwareinc\\kenmyer"', objects: [pinInfo('kenmyer')] },
      },
    },
    {
      title: 'Unlock every locked PIN',
      code: 'Get-CsUser | Get-CsClientPinInfo | Where-Object IsLockedOut -eq True | Unlock-CsClientPin',
      remarks: 'Get-CsClientPinInfo reports the PIN state of every user, Where-Object keeps those whose PIN is locked, and Unlock-CsClientPin unlocks each of them.',
      expect: {
        stdout: '',
        // Pilar Ackerman, Wendy Richardson and Yan Li were locked; nobody is now.
        then: { code: 'Get-CsUser | Get-CsClientPinInfo', objects: ALL_USERS.map((logon) => pinInfo(logon, { IsLockedOut: false })) },
      },
    },
    {
      title: 'Unlock a PIN and show the result (cspin extension)',
      code: 'Unlock-CsClientPin -Identity "Pilar Ackerman" -PassThru',
      remarks: 'Unlocks the PIN of Pilar Ackerman, locked in the sample directory, and writes her PIN information, which now has IsLockedOut False.',
      expect: {
        objects: [pinInfo('pilar', { IsLockedOut: false })],
        then: { code: 'Get-CsClientPinInfo -Identity "Pilar Ackerman"', objects: [pinInfo('pilar', { IsLockedOut: false })] },
      },
    },
  ],
});
