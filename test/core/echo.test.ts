import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ECHO_MAX, echo, oneLine } from '../../src/core/echo.js';

describe('echo', () => {
  it('escapes control characters by name or code', () => {
    expect(echo('a\nb\rc\td\u001b[31me\u0000f\u0007g\u007fh\u0085i\u2028j')).toBe('a\\nb\\rc\\td\\e[31me\\0f\\x07g\\x7fh\\x85i\\u2028j');
  });
  it('cuts at 120 characters with an ellipsis, counting the input', () => {
    expect(echo('x'.repeat(ECHO_MAX))).toBe('x'.repeat(ECHO_MAX));
    expect(echo('x'.repeat(ECHO_MAX + 1))).toBe(`${'x'.repeat(ECHO_MAX)}…`);
    expect(echo('\n'.repeat(1_000_000))).toBe(`${'\\n'.repeat(ECHO_MAX)}…`);
  });
  it('never splits a surrogate pair', () => {
    expect(echo(`${'x'.repeat(ECHO_MAX - 1)}😀`)).toBe(`${'x'.repeat(ECHO_MAX - 1)}…`);
  });
  it('shows non-strings as text', () => {
    expect(echo(42)).toBe('42');
    expect(echo(null)).toBe('null');
  });
  it('never leaves a raw control character and stays short, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const shown = echo(text);
        expect(shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
        expect([...shown].length).toBeLessThanOrEqual(ECHO_MAX * 6 + 1);
      }),
    );
  });
  it('oneLine escapes without cutting', () => {
    expect(oneLine(`${'y'.repeat(500)}\n`)).toBe(`${'y'.repeat(500)}\\n`);
  });
});
