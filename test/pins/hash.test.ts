/** PIN hashing with a pepper, the key file, and generated PINs. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TerminatingError } from '../../src/core/index.js';
import { createDatabase } from '../../src/directory/index.js';
import { createPepper, generatePin, hashPin, isCommonPattern, keyFilePath, loadPepper, verifyPin } from '../../src/pins/index.js';

const FAST = { N: 1024, r: 8, p: 1 };

describe('hashPin', () => {
  const pepper = randomBytes(32);

  it('hashPin stores the scrypt parameters, a salt and the hash, never the PIN', async () => {
    const hash = await hashPin('18723834', pepper, FAST);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(hash).not.toContain('18723834');
  });

  it('hashPin salts: the same PIN hashes differently twice', async () => {
    expect(await hashPin('18723834', pepper, FAST)).not.toBe(await hashPin('18723834', pepper, FAST));
  });

  it('verifyPin accepts the PIN and refuses another PIN or another pepper', async () => {
    const hash = await hashPin('18723834', pepper, FAST);
    expect(await verifyPin('18723834', hash, pepper)).toBe(true);
    expect(await verifyPin('18723835', hash, pepper)).toBe(false);
    expect(await verifyPin('18723834', hash, randomBytes(32))).toBe(false);
  });
});

describe('the PIN key', () => {
  const fresh = () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cspin-key-')), 'cspin.db');
    return { path, db: createDatabase(path) };
  };
  const errorIdOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return error instanceof TerminatingError ? error.record.errorId : String(error);
    }
    return 'no error';
  };

  it('createPepper writes a 0600 key file beside the database, and loadPepper reads it back', () => {
    const { path, db } = fresh();
    createPepper(db, path, {});
    expect(statSync(keyFilePath(path)).mode & 0o777).toBe(0o600);
    expect(loadPepper(db, path, {}).toString('hex')).toBe(readFileSync(keyFilePath(path), 'utf8').trim());
  });

  it('loadPepper refuses a missing key and a key that is not this database\'s', () => {
    const { path, db } = fresh();
    createPepper(db, path, {});
    expect(errorIdOf(() => loadPepper(db, path, { CSPIN_PIN_KEY: randomBytes(32).toString('hex') }))).toBe('PinKeyMismatch');
    const other = fresh();
    createPepper(other.db, other.path, { CSPIN_PIN_KEY: randomBytes(32).toString('hex') });
    expect(errorIdOf(() => loadPepper(other.db, other.path, {}))).toBe('PinKeyMissing');
    expect(errorIdOf(() => loadPepper(db, path, { CSPIN_PIN_KEY: 'not hex' }))).toBe('PinKeyInvalid');
  });
});

describe('generatePin', () => {
  it.each([4, 5, 6, 8, 24])('generatePin makes %i digits that are not a common pattern', (length) => {
    for (let i = 0; i < 50; i++) {
      const pin = generatePin(length);
      expect(pin).toMatch(new RegExp(`^\\d{${length}}$`));
      expect(isCommonPattern(pin)).toBe(false);
    }
  });

  it.each([
    ['222222', true],
    ['123456', true],
    ['991234', true],
    ['456789', true],
    ['98765', true],
    ['18723834', false],
    ['13579', false],
  ])('isCommonPattern(%s) is %s', (pin, common) => expect(isCommonPattern(pin)).toBe(common));

  it('isCommonPattern refuses the user\'s phone number or extension', () => {
    expect(isCommonPattern('50101', ['14255550101', '50101'])).toBe(true);
    expect(isCommonPattern('5550101', ['14255550101'])).toBe(true);
  });
});
