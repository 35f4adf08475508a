import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoUtc } from '../../src/core/isoDate.js';

describe('isoUtc', () => {
  it.each([0, 1, -1, 951_782_400_000, 1_348_580_103_000, 253_402_300_799_999, -62_167_219_200_000])(
    'isoUtc formats %i as Date#toISOString does',
    (ms) => expect(isoUtc(ms)).toBe(new Date(ms).toISOString()),
  );

  it('isoUtc agrees with Date#toISOString for any time in years 0–9999', () => {
    fc.assert(fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), (ms) => isoUtc(ms) === new Date(ms).toISOString()), {
      numRuns: 5000,
    });
  });
});
