/** PIN policy values: identities, the lifetime/history rule, the output object and -Instance objects. */
import { describe, expect, it } from 'vitest';
import { NOT_CONVERTIBLE } from '../../src/core/index.js';
import {
  PIN_POLICY_PROPERTIES,
  POLICY_DEFAULTS,
  PolicyIdentityType,
  lifetimeRuleViolation,
  parsePolicyIdentity,
  pinPolicyObject,
  readPolicyInstance,
} from '../../src/pins/index.js';
import { parseSiteName } from '../../src/pins/poolSites.js';

describe('parsePolicyIdentity', () => {
  it.each([
    ['Global', 'Global'],
    ['global', 'Global'],
    [' GLOBAL ', 'Global'],
    ['site:Redmond', 'site:Redmond'],
    ['SITE:Redmond', 'site:Redmond'],
    ['tag:RedmondUsersPinPolicy', 'tag:RedmondUsersPinPolicy'],
    ['Tag:Short', 'tag:Short'],
    ['RedmondUsersPinPolicy', 'tag:RedmondUsersPinPolicy'],
    ['Redmond Users', 'tag:Redmond Users'],
  ])('parsePolicyIdentity reads %j as %j', (text, identity) => {
    expect(parsePolicyIdentity(text)).toEqual({ identity });
    expect(PolicyIdentityType.convert(text)).toBe(identity);
  });

  it.each([
    ['a scope PIN policies do not have', 'service:Registrar:pool1'],
    ['an empty site name', 'site:'],
    ['an empty tag name', 'tag:  '],
    ['a wildcard', 'site:*'],
    ['a ? wildcard', 'Redmond?'],
    ['a second colon', 'tag:a:b'],
    ['nothing at all', ''],
  ])('parsePolicyIdentity refuses %s (%j)', (_case, text) => {
    expect(parsePolicyIdentity(text)).toHaveProperty('problem');
    expect(PolicyIdentityType.convert(text)).toBe(NOT_CONVERTIBLE);
  });

  it('PolicyIdentityType names the wildcard problem and points at -Filter', () => {
    expect(PolicyIdentityType.describe?.('site:*')).toContain('-Filter');
  });
});

describe('lifetimeRuleViolation', () => {
  it.each([
    [0, 0, false],
    [0, 5, false],
    [1, 1, false],
    [999, 20, false],
    [1, 0, true],
    [30, 0, true],
  ])('lifetimeRuleViolation with PINLifetime %i and PINHistoryCount %i refuses: %s', (lifetime, history, refused) => {
    const problem = lifetimeRuleViolation({ identity: 'Global', pin_lifetime: lifetime, pin_history_count: history });
    expect(problem !== undefined).toBe(refused);
  });
});

describe('pinPolicyObject', () => {
  it('pinPolicyObject writes the documented properties in the documented order, with booleans and nulls', () => {
    const object = pinPolicyObject({ identity: 'Global', ...POLICY_DEFAULTS });
    expect(Object.keys(object)).toEqual(['PSTypeName', ...PIN_POLICY_PROPERTIES]);
    expect(object).toMatchObject({ Identity: 'Global', Description: null, MinPasswordLength: 5, PINHistoryCount: 0, AllowCommonPatterns: false, PINLifetime: 0, MaximumLogonAttempts: null });
  });
});

describe('readPolicyInstance', () => {
  it('readPolicyInstance takes the Identity and every settable property, names matched case-insensitively', () => {
    const read = readPolicyInstance({ identity: 'site:Paris', minpasswordlength: 8, PINLifetime: 30, PINHistoryCount: 2, AllowCommonPatterns: true, Description: '', MaximumLogonAttempts: null });
    expect(read).toEqual({
      identity: 'site:Paris',
      changes: { min_password_length: 8, pin_lifetime: 30, pin_history_count: 2, allow_common_patterns: 1, description: null, maximum_logon_attempts: null },
    });
  });

  it('readPolicyInstance leaves out the properties the object does not carry', () => {
    expect(readPolicyInstance({ Identity: 'Global', PINHistoryCount: '3' })).toEqual({ identity: 'Global', changes: { pin_history_count: 3 } });
  });

  it.each([
    ['no Identity', { MinPasswordLength: 8 }],
    ['an Identity that is no policy identity', { Identity: 'service:x' }],
    ['a MinPasswordLength below 4', { Identity: 'Global', MinPasswordLength: 3 }],
    ['a PINHistoryCount above 20', { Identity: 'Global', PINHistoryCount: 21 }],
    ['a PINLifetime above 999', { Identity: 'Global', PINLifetime: 1000 }],
    ['a MaximumLogonAttempts of 0', { Identity: 'Global', MaximumLogonAttempts: 0 }],
    ['a fractional MinPasswordLength', { Identity: 'Global', MinPasswordLength: 5.5 }],
    ['a text AllowCommonPatterns', { Identity: 'Global', AllowCommonPatterns: 'sometimes' }],
    ['a numeric Description', { Identity: 'Global', Description: 7 }],
  ])('readPolicyInstance refuses an object with %s', (_case, instance) => {
    expect(readPolicyInstance(instance)).toHaveProperty('problem');
  });
});

describe('parseSiteName', () => {
  it.each([
    ['Redmond', 'Redmond'],
    ['site:Redmond', 'Redmond'],
    [' Site:Paris ', 'Paris'],
  ])('parseSiteName reads %j as %j', (text, site) => {
    expect(parseSiteName(text)).toEqual({ site });
  });

  it.each([[''], ['site:'], ['Red*'], ['a:b']])('parseSiteName refuses %j', (text) => {
    expect(parseSiteName(text)).toHaveProperty('problem');
  });
});
