/** The rules an administrator's PIN must meet, the common patterns, and generated PINs against a policy. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GENERATED_PIN_LENGTH,
  commonPatternOf,
  isCommonPattern,
  isPinFormat,
  newPinFor,
  phoneNumbersOf,
  pinPolicyViolation,
  POLICY_DEFAULTS,
  type PinPolicyRow,
} from '../../src/pins/index.js';

const policy = (changes: Partial<PinPolicyRow> = {}): PinPolicyRow => ({ identity: 'Global', ...POLICY_DEFAULTS, ...changes });
const KEN = { line_uri: 'tel:+14255550101;ext=50101' };
const NO_PHONE = { line_uri: null };

describe('commonPatternOf', () => {
  it.each([
    ['222222', 'repeated digits'],
    ['225577', 'repeated digits'],
    ['1122', 'repeated digits'],
    ['0001122', 'repeated digits'],
    ['121212', 'repeated digits'],
    ['408408', 'repeated digits'],
    ['123456', 'consecutive digits'],
    ['991234', 'consecutive digits'],
    ['456789', 'consecutive digits'],
    ['98765', 'consecutive digits'],
    ['5043210', 'consecutive digits'],
  ])('commonPatternOf(%s) is %s', (pin, pattern) => expect(commonPatternOf(pin)).toBe(pattern));

  it.each([['18723834'], ['13579'], ['2255771'], ['12312'], ['78901']])('commonPatternOf(%s) is none', (pin) =>
    expect(commonPatternOf(pin)).toBeUndefined(),
  );

  it('commonPatternOf finds the phone number, a PIN that contains it, and its last digits, but not a number under 4 digits', () => {
    const numbers = phoneNumbersOf(KEN.line_uri);
    expect(numbers).toEqual(['14255550101', '50101']);
    for (const pin of ['50101', '950101', '14255550101', '4255550101', '5550101', '550101']) {
      expect(commonPatternOf(pin, numbers), pin).toBe('phone number or extension');
    }
    expect(commonPatternOf('42555', numbers)).toBeUndefined();
    expect(commonPatternOf('18723', ['123'])).toBeUndefined();
  });

  it('isCommonPattern agrees with commonPatternOf on any digit string', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,24}$/), (pin) => isCommonPattern(pin) === (commonPatternOf(pin) !== undefined)),
    );
  });
});

describe('phoneNumbersOf', () => {
  it.each([
    ['tel:+14255550101;ext=50101', ['14255550101', '50101']],
    ['TEL:+1 (425) 555-0199', ['14255550199']],
    ['tel:5550100;phone-context=litwareinc.com', ['5550100']],
    [null, []],
    ['', []],
  ])('phoneNumbersOf(%s) is %j', (lineUri, numbers) => expect(phoneNumbersOf(lineUri)).toEqual(numbers));
});

describe('isPinFormat', () => {
  it.each([['18723834', true], ['0', true], ['9'.repeat(24), true], ['9'.repeat(25), false], ['12a45', false], [' 12345', false], ['-12345', false], ['１２３４５', false], ['', false]])(
    'isPinFormat(%j) is %s',
    (pin, ok) => expect(isPinFormat(pin)).toBe(ok),
  );
});

describe('pinPolicyViolation', () => {
  it('pinPolicyViolation names MinPasswordLength for a short PIN, and never the PIN', () => {
    const why = pinPolicyViolation('1872', policy(), NO_PHONE);
    expect(why).toContain('MinPasswordLength');
    expect(why).not.toContain('1872');
    expect(pinPolicyViolation('18723834', policy({ min_password_length: 9 }), NO_PHONE)).toContain('fewer than 9 digits');
    expect(pinPolicyViolation('18723', policy(), NO_PHONE)).toBeUndefined();
  });

  it('pinPolicyViolation names AllowCommonPatterns for a common pattern, the user\'s extension included, unless the policy allows them', () => {
    for (const pin of ['225577', '991234', '50101']) {
      const why = pinPolicyViolation(pin, policy(), KEN);
      expect(why, pin).toContain('AllowCommonPatterns');
      expect(why, pin).not.toContain(pin);
      expect(pinPolicyViolation(pin, policy({ allow_common_patterns: 1 }), KEN), pin).toBeUndefined();
    }
    expect(pinPolicyViolation('50101', policy(), NO_PHONE)).toBeUndefined();
  });
});

describe('newPinFor', () => {
  it.each([[4], [5], [6], [10], [24]])('newPinFor a policy with MinPasswordLength %i meets it with max(%i, 6) digits', (min) => {
    for (let i = 0; i < 40; i++) {
      const pin = newPinFor(policy({ min_password_length: min }), KEN);
      expect(pin).toMatch(new RegExp(`^[0-9]{${Math.max(min, GENERATED_PIN_LENGTH)}}$`));
      expect(pinPolicyViolation(pin, policy({ min_password_length: min }), KEN)).toBeUndefined();
    }
  });

  it('newPinFor avoids common patterns even when the policy allows them', () => {
    for (let i = 0; i < 200; i++) expect(isCommonPattern(newPinFor(policy({ allow_common_patterns: 1 }), KEN), ['14255550101', '50101'])).toBe(false);
  });

  it('newPinFor uses every digit in every position (a CSPRNG, not a fixed pattern)', () => {
    const seen = Array.from({ length: GENERATED_PIN_LENGTH }, () => new Set<string>());
    for (let i = 0; i < 500; i++) [...newPinFor(policy(), NO_PHONE)].forEach((digit, at) => seen[at]?.add(digit));
    expect(seen.map((digits) => digits.size)).toEqual(Array(GENERATED_PIN_LENGTH).fill(10));
  });
});
