/** PINs: hashing with a pepper, the PIN store, policies, PinInfoDetails. */
export { DEFAULT_SCRYPT, hashPin, verifyPin } from './hash.js';
export type { ScryptParams } from './hash.js';
export { createPepper, installPendingKey, keyFilePath, keyFingerprint, loadPepper, newPepper, recordPepper, removeStalePendingKeys, stagePendingKey } from './pepper.js';
export type { IdentityItem, JoinedLookup, JoinedViews, PinChange, PinInfoSource, PinPolicies, PinSites, PinState, PinStore, StagedPinChange, StoredPin } from './pinStore.js';
export { SqlitePinStore } from './sqlite/sqlitePinStore.js';
export { loadPolicyResolver } from './sqlite/policyResolver.js';
export { GenericPinInfo } from './pinInfoSource.js';
export { SqlitePinWrites } from './sqlite/pinWrites.js';
export { pinTargetOf } from './pinTarget.js';
export { PIN_INFO_LINE_SQL, PIN_INFO_SHAPE, PIN_TARGET_SHAPE, finishPinInfoLines } from './sqlite/shapes.js';
export type { PinTargetRow } from './pinTarget.js';
export { PIN_INFO_TYPE, PIN_RESET_TYPE, pinInfoJson } from './pinInfo.js';
export { PolicyResolver } from './policy.js';
export type { PinPolicyRow } from './policy.js';
export type { PinInfoDetails, PinInfoRow } from './pinInfo.js';
export { generatePin } from './generate.js';
export { commonPatternOf, isCommonPattern, phoneNumbersOf } from './patterns.js';
export type { CommonPattern } from './patterns.js';
export { GENERATED_PIN_LENGTH, MAX_PIN_LENGTH, isPinFormat, newPinFor, pinPolicyViolation } from './pinRules.js';
export {
  GLOBAL,
  PIN_POLICY_PROPERTIES,
  PIN_POLICY_TYPE,
  POLICY_DEFAULTS,
  POLICY_SETTINGS,
  PolicyIdentityType,
  UInt32Type,
  UInt64Type,
  lifetimeRuleViolation,
  parsePerUserPolicyName,
  parsePolicyIdentity,
  pinPolicyObject,
  readPolicyInstance,
} from './policyRules.js';
export type { PolicyChanges, PolicySetting } from './policyRules.js';
export { PinPolicyStore } from './sqlite/policyStore.js';
export type { PolicyOutcome, RemoveOutcome } from './pinStore.js';
export { parseSiteName } from './poolSites.js';
export { PoolSites } from './sqlite/poolSites.js';
export type { PoolSite } from './poolSites.js';
export { pinMessages } from './messages.js';
export type { PinErrorId, PinErrorIds } from './errorIds.js';
