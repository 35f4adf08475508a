/** The documented examples of Select-Object and ForEach-Object, with their exact output on the sample directory. */
import type { Example } from '../core/index.js';

const sip = (logon: string) => `sip:${logon}@litwareinc.com`;
const FINANCE = 'Get-CsUser -OU "OU=Finance,DC=litwareinc,DC=com"';
/** Selected objects carry PowerShell's type name Selected.<the input's type>. */
const user = (properties: Record<string, unknown>) => ({ PSTypeName: 'Selected.Microsoft.Rtc.Management.ADConnect.Schema.ADUser', ...properties });

export const SELECT_EXAMPLES: readonly Example[] = [
  {
    title: 'Two properties of the first users',
    code: 'Get-CsUser | Select-Object -First 3 DisplayName, SipAddress',
    remarks: 'New objects with only DisplayName and SipAddress, for the first three users; Get-CsUser then stops, as it would before head.',
    expect: {
      objects: [
        user({ DisplayName: 'Ken Myer', SipAddress: sip('kenmyer') }),
        user({ DisplayName: 'Pilar Ackerman', SipAddress: sip('pilar') }),
        user({ DisplayName: 'Aidan Delaney', SipAddress: sip('aidan') }),
      ],
    },
  },
  {
    title: 'A calculated property',
    code: `${FINANCE} | Select-Object DisplayName, '@{Name="Sip"; Expression={$_.SipAddress}}'`,
    remarks: 'The SipAddress under the name Sip. The hashtable is one single-quoted bash argument; @{n="Sip";e={$_.SipAddress}} is the same.',
    expect: {
      objects: [
        user({ DisplayName: 'Ken Myer', Sip: sip('kenmyer') }),
        user({ DisplayName: 'Pilar Ackerman', Sip: sip('pilar') }),
        user({ DisplayName: 'Aidan Delaney', Sip: sip('aidan') }),
      ],
    },
  },
  {
    title: 'Properties by a wildcard',
    code: `${FINANCE} | Select-Object DisplayName, *Enabled`,
    remarks: '*Enabled picks every property whose name ends with Enabled, in the order the objects have them.',
    expect: {
      objects: [
        user({ DisplayName: 'Ken Myer', Enabled: true, EnterpriseVoiceEnabled: true }),
        user({ DisplayName: 'Pilar Ackerman', Enabled: true, EnterpriseVoiceEnabled: false }),
        user({ DisplayName: 'Aidan Delaney', Enabled: true, EnterpriseVoiceEnabled: false }),
      ],
    },
  },
  {
    title: 'The SIP addresses of locked PINs, as text',
    code: 'Get-CsUser | Get-CsClientPinInfo | Where-Object IsLockedOut | Select-Object -ExpandProperty Identity',
    remarks: '-ExpandProperty writes the value itself (a JSON string line) rather than an object that holds it.',
    expect: { objects: [sip('pilar'), sip('wendyr'), sip('yanli')] },
  },
  {
    title: 'The last users',
    code: 'Get-CsUser | Select-Object -Last 2 SamAccountName',
    remarks: 'Select-Object holds only the last two objects while the input goes by, and writes them at its end.',
    expect: { objects: [user({ SamAccountName: 'confroom1' }), user({ SamAccountName: 'amys' })] },
  },
  {
    title: 'Distinct values',
    code: 'Get-CsUser | Select-Object RegistrarPool -Unique',
    remarks: 'One object per Registrar pool, in the order first seen (compared case-sensitively).',
    expect: { objects: [user({ RegistrarPool: 'atl-cs-001.litwareinc.com' }), user({ RegistrarPool: 'red-cs-001.litwareinc.com' })] },
  },
  {
    title: 'Every property but some',
    code: 'Get-CsClientPinInfo -Identity "litwareinc\\kenmyer" | Select-Object -ExcludeProperty *Time',
    remarks: '-ExcludeProperty alone selects every other property.',
    expect: { objects: [{ PSTypeName: 'Selected.Microsoft.Rtc.Management.UserPinService.PinInfoDetails', Identity: sip('kenmyer'), IsPinSet: true, IsLockedOut: false }] },
  },
  {
    title: 'Objects by position',
    code: 'Get-CsUser | Select-Object -Index 0,23 SamAccountName',
    remarks: 'The first and the 24th user (positions count from 0); reading stops after the last position.',
    expect: { objects: [user({ SamAccountName: 'kenmyer' }), user({ SamAccountName: 'amys' })] },
  },
];

export const FOREACH_EXAMPLES: readonly Example[] = [
  {
    title: 'One property of each user',
    code: `${FINANCE} | ForEach-Object SipAddress`,
    remarks: 'The SipAddress of each user in the Finance OU, as JSON string lines.',
    expect: { objects: [sip('kenmyer'), sip('pilar'), sip('aidan')] },
  },
  {
    title: 'A script block',
    code: `${FINANCE} | ForEach-Object -Process '{$_.SamAccountName}'`,
    remarks: 'The value of the expression for each object; single quotes keep bash from expanding $_.',
    expect: { objects: ['kenmyer', 'pilar', 'aidan'] },
  },
  {
    title: 'A comparison for each object',
    code: `${FINANCE} | ForEach-Object '{$_.EnterpriseVoiceEnabled -eq $true}'`,
    remarks: 'A script block given by position: true or false for each user.',
    expect: { objects: [true, false, false] },
  },
  {
    title: 'A string method',
    code: `${FINANCE} | ForEach-Object DisplayName | ForEach-Object ToUpper`,
    remarks: 'A member name that is a string method without arguments calls it on each string.',
    expect: { objects: ['KEN MYER', 'PILAR ACKERMAN', 'AIDAN DELANEY'] },
  },
];
