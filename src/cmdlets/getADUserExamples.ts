/** Get-ADUser's documented examples, with their exact results on the sample directory. */
import type { Example } from '../core/index.js';
import { adAccount } from './sampleAdUsers.js';

// The sample users without a PIN (samples/litwareinc-pins.csv), in directory order: display name, department.
const NO_PIN_ROWS = [
  ['Aidan Delaney', 'aidan', 'Payroll'], ['Jonathan Smith', 'jsmith', 'Sales'], ['Chris Preston', 'cpreston', 'IT'],
  ['Toni Poe', 'tonip', 'Sales'], ['Kim Akers', 'kima', 'IT'], ['Nuria Gonzalez', 'nuriag', 'Human Resources'],
  ['Sanjay Shah', 'sanjays', 'Marketing'], ['Ty Loren Carlson', 'tyc', 'Marketing'], ['Zrinka Makovac', 'zrinkam', 'Research'],
  ['Conference Room 1', 'confroom1', 'Facilities'],
] as const;

const NO_PIN_CSV = [
  '"DisplayName","msRTCSIP-PrimaryUserAddress","Department"',
  ...NO_PIN_ROWS.map(([name, logon, department]) => `"${name}","sip:${logon}@litwareinc.com","${department}"`),
].join('\n');

const groupOf = (name: string) => ({ PSTypeName: 'Microsoft.PowerShell.Commands.GroupInfoNoElement', Count: 1, Name: name, Group: [], Values: [name] });

export const GET_AD_USER_EXAMPLES: readonly Example[] = [
  {
    title: 'One user with more properties',
    code: 'Get-ADUser -Identity kenmyer -Properties Department, Title, Manager',
    remarks: 'Gets Ken Myer with his department, title and manager (he has none) besides the default properties.',
    expect: { objects: [adAccount('kenmyer', { Department: 'Finance', Manager: null, Title: 'Manager' })] },
  },
  {
    title: 'Managers in Finance',
    code: 'Get-ADUser -Filter \'Department -eq "Finance" -and Title -like "Man*"\' -Properties Department, Title',
    remarks: 'Every Finance user whose title starts with Man, enabled for Lync or not (Jane Clayton is not).',
    expect: {
      objects: [adAccount('kenmyer', { Department: 'Finance', Title: 'Manager' }), adAccount('janec', { Department: 'Finance', Title: 'Manager' })],
    },
  },
  {
    title: 'Every property of the Lync users of an OU',
    code: 'Get-ADUser -LDAPFilter "(msRTCSIP-PrimaryUserAddress=*)" -SearchBase "OU=Finance,DC=litwareinc,DC=com" -Properties \'*\'',
    remarks: 'The users of Finance and its child OUs that have a SIP address, with every property they have, in DN order.',
    expect: {
      objects: [
        adAccount('kenmyer', everything('Ken Myer', 'kenmyer', 'Manager', 'Finance', '0101', 'tel:+14255550101;ext=50101')),
        adAccount('pilar', everything('Pilar Ackerman', 'pilar', 'Accountant', 'Finance', '0102', null)),
        adAccount('aidan', everything('Aidan Delaney', 'aidan', 'Manager', 'Payroll', '0103', null)),
      ],
    },
  },
  {
    title: 'Users without a PIN, with their department',
    code: 'Get-CsUser | Get-CsClientPinInfo | Where-Object IsPinSet -eq False | Get-ADUser -Properties DisplayName, Department, msRTCSIP-PrimaryUserAddress | Select-Object DisplayName, msRTCSIP-PrimaryUserAddress, Department | Export-Csv nopin.csv',
    remarks: 'PinInfoDetails bind to -Identity by their Identity (the SIP address); the report joins PIN state and directory attributes.',
    expect: { files: { 'nopin.csv': `${NO_PIN_CSV}\n` } },
  },
  {
    title: 'Locked-out users by department',
    code: 'Get-CsUser | Get-CsClientPinInfo | Where-Object IsLockedOut -eq True | Get-ADUser -Properties Department | Group-Object Department -NoElement',
    remarks: 'Pilar Ackerman (Finance), Yan Li (Research) and Wendy Richardson (Sales) are locked out; Group-Object sorts the groups.',
    expect: { objects: [groupOf('Finance'), groupOf('Research'), groupOf('Sales')] },
  },
];

/** -Properties * of a sample user (the sample's columns; its city is Redmond). */
function everything(display: string, logon: string, title: string, department: string, phone: string, line: string | null): Record<string, unknown> {
  const surname = display.split(' ').at(-1);
  return {
    AccountExpirationDate: null,
    City: 'Redmond',
    CN: display,
    Department: department,
    DisplayName: display,
    l: 'Redmond',
    LastLogonDate: null,
    'msRTCSIP-Line': line,
    'msRTCSIP-PrimaryUserAddress': `sip:${logon}@litwareinc.com`,
    'msRTCSIP-UserEnabled': true,
    objectSid: null,
    OfficePhone: `+1 425 555 ${phone}`,
    PasswordLastSet: null,
    sn: surname,
    telephoneNumber: `+1 425 555 ${phone}`,
    Title: title,
  };
}
