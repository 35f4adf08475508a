/** Get-CsClientPinInfo's documented examples (checked against the sample directory by the example tests). */
import type { Example } from '../core/index.js';
import { ALL_USERS, pinInfo } from './sampleObjects.js';

/** The examples, in help order. */
export const GET_PIN_INFO_EXAMPLES: readonly Example[] = [
    {
      title: 'PIN information for every user',
      code: 'Get-CsUser | Get-CsClientPinInfo',
      remarks:
        'Returns PIN information for all the users who have been enabled for Lync Server. Get-CsUser returns all users who have been enabled; that collection is piped to Get-CsClientPinInfo, which displays PIN information for each user in the collection.',
      expect: { objects: ALL_USERS.map((logon) => pinInfo(logon)) },
    },
    {
      title: 'PIN information for one user',
      code: 'Get-CsClientPinInfo -Identity "litwareinc\\kenmyer"',
      remarks: 'Displays PIN information for a single user: the user with the Identity litwareinc\\kenmyer.',
      expect: { objects: [pinInfo('kenmyer')] },
    },
    {
      title: 'PIN information for the users of an OU',
      code: 'Get-CsUser -OU "OU=Finance,DC=litwareinc,DC=com" | Get-CsClientPinInfo',
      remarks:
        'Returns PIN information for all the users with accounts in the Finance organizational unit (OU), its child OUs included. Get-CsUser and the OU parameter return the users in the Finance OU; that collection is piped to Get-CsClientPinInfo.',
      expect: { objects: [pinInfo('kenmyer'), pinInfo('pilar'), pinInfo('aidan')] },
    },
    {
      title: 'PIN information for all managers',
      code: 'Get-CsUser -LdapFilter "Title=Manager" | Get-CsClientPinInfo',
      remarks:
        'Displays PIN information for all the Managers in the organization. Get-CsUser and the LdapFilter parameter return the users who have "Manager" as their job title; Get-CsClientPinInfo then displays PIN information for each of them.',
      expect: { objects: [pinInfo('kenmyer'), pinInfo('aidan'), pinInfo('davidl')] },
    },
    {
      title: 'PIN information for the users listed in a CSV export (cspin extension)',
      code: 'printf "SipAddress\\nsip:ellens@litwareinc.com\\n" > users.csv && Import-Csv users.csv | Get-CsClientPinInfo',
      remarks: 'Rows of an AD export bind by property name through the SipAddress alias of -Identity.',
      expect: { objects: [pinInfo('ellens')] },
    },
  ];
