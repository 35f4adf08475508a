import { pinLockCmdlet } from './pinLock.js';
import { defineServiceCmdlet } from './services.js';
import { pinInfo } from './sampleObjects.js';

export default defineServiceCmdlet({
  name: 'Lock-CsClientPin',
  synopsis: 'Locks a user\'s dial-in conferencing personal identification number (PIN), so that it can no longer be used to sign in.',
  description:
    'A locked PIN cannot be used for PIN authentication: dial-in conferences and phone sign-in refuse it, even when it is typed correctly. The user can still sign in with a user name and password. A PIN stays locked until an administrator runs Unlock-CsClientPin; setting a new PIN does not unlock it.',
  ...pinLockCmdlet(true),
  notes: [
    'No output, as documented; -PassThru (cspin extension) writes each user\'s PinInfoDetails after the change.',
    'A user without a PIN can be locked too: a PIN set later stays locked until Unlock-CsClientPin.',
    'Locking keeps the failure counters; each user\'s change is one transaction.',
    'A display name that matches several users is refused (AmbiguousIdentity, nothing changed) unless it has a * wildcard, which locks every match.',
  ],
  examples: [
    {
      title: 'Lock the PIN of one user',
      code: 'Lock-CsClientPin -Identity "kenmyer@litwareinc.com"',
      remarks: 'Locks the PIN of the user with the user principal name kenmyer@litwareinc.com. Nothing is written to the output.',
      expect: {
        stdout: '',
        then: { code: 'Get-CsClientPinInfo -Identity "kenmyer@litwareinc.com"', objects: [pinInfo('kenmyer', { IsLockedOut: true })] },
      },
    },
    {
      title: 'Lock a PIN and show the result (cspin extension)',
      code: 'Lock-CsClientPin -Identity "kenmyer@litwareinc.com" -PassThru',
      remarks: 'The same, and -PassThru writes the user\'s PIN information, which now has IsLockedOut True.',
      expect: {
        objects: [pinInfo('kenmyer', { IsLockedOut: true })],
        then: { code: 'Get-CsClientPinInfo -Identity "kenmyer@litwareinc.com"', objects: [pinInfo('kenmyer', { IsLockedOut: true })] },
      },
    },
  ],
});
