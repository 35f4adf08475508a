import { JsonLines, JsonText, defineCmdlet, type BoundRecord, type CmdletContext } from '../core/index.js';
import { IdentityResolver, LineLookup, QueryWorker, waitForWriters, type LineAnswer, type PendingLines, type PendingLookup } from '../directory/index.js';
import { identityNotFound } from '../directory/messages.js';
import { PIN_INFO_LINE_SQL, PIN_INFO_SHAPE, PIN_INFO_TYPE, PIN_RESET_TYPE, PolicyResolver, finishPinInfoLines, pinInfoJson, type PinInfoRow } from '../pins/index.js';
import { mandatoryIdentityParameter } from './parameters.js';
import { ALL_USERS, pinInfo } from './sampleObjects.js';
import { closeSession, openSession, type Session } from './session.js';

/** PinInfoDetails' properties, in order (completion offers them downstream). */
const PIN_INFO_PROPERTIES = ['Identity', 'IsPinSet', 'IsLockedOut', 'LastPinChangeTime', 'PinExpirationTime'];

/** The chunk whose lookup moves to the worker: short inputs never pay for starting one. */
const WORKER_FROM_CHUNK = 3;
/** Chunks sent to the worker before the oldest is collected. */
const LOOKUPS_AHEAD = 2;

const PARAMETERS = { Identity: mandatoryIdentityParameter };
type Parameters = typeof PARAMETERS;

interface State extends Session {
  resolver: IdentityResolver<PinInfoRow>;
  policies: PolicyResolver;
  chunks: number;
  worker?: QueryWorker;
  /** Lookups that answer with the output lines: when no PIN expires and nothing is asked per user. */
  lines?: LineLookup;
  /** Chunks whose lookups are on the worker, oldest first. */
  pending: { records: readonly BoundRecord<Parameters>[]; lookup: PendingLookup | PendingLines }[];
}

export default defineCmdlet({
  name: 'Get-CsClientPinInfo',
  synopsis: 'Retrieves information about the personal identification number (PIN) assigned to a user.',
  description:
    'Administrators can retrieve the PIN settings for a user, or a group of users, by running the Get-CsClientPinInfo cmdlet. Note that there is no way for an administrator to retrieve the PIN that has been assigned to a user. If a user forgets his or her PIN, that user will not be able to use PIN authentication to access the system until an administrator has assigned them a new PIN.',
  parameters: PARAMETERS,
  shouldProcess: { confirmImpact: 'Low' },
  inputTypes: ['String value or Microsoft.Rtc.Management.ADConnect.Schema.ADUser object (also any object with an Identity, SipAddress, UserPrincipalName or DistinguishedName property).'],
  outputType: PIN_INFO_TYPE,
  outputProperties: PIN_INFO_PROPERTIES,
  notes: [
    'A display name that matches several users returns the PIN information of all of them.',
    'Dates are ISO 8601 UTC in NDJSON output; PinExpirationTime is null when the PIN never expires.',
  ],
  examples: [
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
  ],

  begin(_params, context): State {
    const session = openSession(context.env, 'read');
    const policies = new PolicyResolver(session.db);
    return {
      ...session,
      resolver: new IdentityResolver<PinInfoRow>(session.db, undefined, PIN_INFO_SHAPE),
      policies,
      lines: policies.neverExpires && context.processesAllQuietly ? new LineLookup(PIN_INFO_LINE_SQL, PIN_INFO_SHAPE.join) : undefined,
      chunks: 0,
      pending: [],
    };
  },

  // From the third chunk of a long stream on, each chunk's lookup runs on a worker thread and is
  // collected two chunks later: the lookup overlaps parsing and binding, on the other core, with a
  // chunk of slack for when that core is busy with the other end of the pipe.
  process(records, state, context) {
    context.writeDebug(`resolved ${records.length} identities in one query`);
    // Set-CsClientPin writes a PIN's line just before it commits the PIN (the line is its only copy):
    // wait for that commit, so this reports the state the line announces.
    if (records.some((record) => record.typeName === PIN_RESET_TYPE)) waitForWriters(state.db);
    const ids = records.map((r) => r.params.Identity);
    if (++state.chunks < WORKER_FROM_CHUNK) return pinInfoOutput(records, state.resolver.resolve(ids), state, context);
    const worker = (state.worker ??= new QueryWorker(state.db.name));
    state.pending.push({ records, lookup: state.lines?.start(ids, worker) ?? state.resolver.start(ids, worker) });
    return state.pending.length > LOOKUPS_AHEAD ? collectOldest(state, context) : [];
  },

  flush: collectAll,
  end: collectAll,

  clean(state) {
    state.worker?.close();
    closeSession(state);
  },
});

function collectAll(state: State, context: CmdletContext): unknown[] {
  const output: unknown[] = [];
  while (state.pending.length > 0) output.push(...collectOldest(state, context));
  return output;
}

function collectOldest(state: State, context: CmdletContext): unknown[] {
  const oldest = state.pending.shift();
  if (!oldest) return [];
  const { records, lookup } = oldest;
  if (!('size' in lookup)) return pinInfoOutput(records, state.resolver.collect(lookup), state, context);
  const answer = state.lines?.collect(lookup);
  if (answer) return linesOutput(records, answer);
  return pinInfoOutput(records, state.resolver.resolve(records.map((r) => r.params.Identity)), state, context);
}

/** A chunk's output from a line lookup: the lines as they are, with not-found errors in their places. */
function linesOutput(records: readonly BoundRecord<Parameters>[], answer: LineAnswer): unknown[] {
  const text = finishPinInfoLines(answer.text);
  if (answer.all) return [new JsonLines(text, records.length)];
  const lines = text === '' ? [] : text.split('\n');
  const output: unknown[] = [];
  let next = 0;
  records.forEach(({ params, record }, index) => {
    if (answer.found[next] === index) output.push(new JsonText(lines[next++] ?? ''));
    else output.push(identityNotFound(params.Identity.text, record));
  });
  return output;
}

/** An array per chunk, not a generator: nothing here waits, and a yield per user costs more. */
function pinInfoOutput(records: readonly BoundRecord<Parameters>[], found: Map<number, PinInfoRow[]>, state: State, context: CmdletContext): unknown[] {
  const output: unknown[] = [];
  for (let index = 0; index < records.length; index++) {
    const matches = found.get(index);
    if (!matches) {
      const { params, record } = records[index] as BoundRecord<Parameters>;
      output.push(identityNotFound(params.Identity.text, record));
      continue;
    }
    for (const user of matches) {
      if (!context.shouldProcess(user.sip)) continue;
      output.push(new JsonText(pinInfoJson(user, state.policies.effective(user).pin_lifetime)));
    }
  }
  return output;
}
