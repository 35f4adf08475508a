/**
 * Get-CsClientPinInfo: each user's PinInfoDetails, from the directory and the PIN store, a chunk at a
 * time. The PIN store's joined lookups serve when it holds the directory too (the SQLite file);
 * any other directory is read with one lookup per chunk.
 */
import { defineServiceCmdlet } from './services.js';
import { PIN_INFO_TYPE, PIN_RESET_TYPE, GenericPinInfo, type PinInfoSource } from '../pins/index.js';
import type { CmdletContext, CmdletOutput } from '../core/index.js';
import { mandatoryIdentityParameter } from './parameters.js';
import { GET_PIN_INFO_EXAMPLES } from './getCsClientPinInfoExamples.js';
import type { Services } from './services.js';

/** PinInfoDetails' properties, in order (completion offers them downstream). */
const PIN_INFO_PROPERTIES = ['Identity', 'IsPinSet', 'IsLockedOut', 'LastPinChangeTime', 'PinExpirationTime'];

const PARAMETERS = { Identity: mandatoryIdentityParameter };

interface State {
  services: Services;
  source: PinInfoSource;
}

export default defineServiceCmdlet({
  services: { directory: true, pins: 'read' },
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
  examples: GET_PIN_INFO_EXAMPLES,

  begin(_params, context, services): Omit<State, 'services'> {
    const policies = services.pins.policyResolver();
    const views = services.pins.joinedWith?.(services.directory);
    return { source: views?.pinInfo(policies, context.processesAllQuietly) ?? new GenericPinInfo(services.directory, services.pins, policies) };
  },

  process(records, state, context) {
    context.writeDebug(`resolved ${records.length} identities in one lookup`);
    // Set-CsClientPin writes a PIN's line just before it commits the PIN (the line is its only copy):
    // wait for that commit, so this reports the state the line announces.
    if (records.some((record) => record.typeName === PIN_RESET_TYPE)) state.services.pins.waitForWriters();
    const items = records.map(({ params, record }) => ({ identity: params.Identity, record }));
    return outputOf(state.source.chunk(items, (target) => context.shouldProcess(target)));
  },

  flush: drain,
  end: drain,

  clean(state) {
    state.source.close();
  },
});

function drain(state: State, context: CmdletContext): CmdletOutput {
  return outputOf(state.source.drain((target) => context.shouldProcess(target)));
}

/** A chunk's output as it comes: an array at once, or once the lookups have answered. */
function outputOf(output: unknown[] | Promise<unknown[]>): CmdletOutput {
  if (Array.isArray(output)) return output;
  return (async function* () {
    yield* await output;
  })();
}
