import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIGITS_HIDDEN, quoteRedacted, redact } from '../../src/core/redact.js';

describe('redact', () => {
  it.each([
    ['only digits', '61739284', '<8 digits>'],
    ['digits grouped by spaces, dashes and dots', ' 6173-92.84 ', '<8 digits>'],
    ['a single digit', '7', '<1 digits>'],
    ['digits and a CR (a CRLF file)', '6173\r9284', '<8 digits>'],
    ['a user,PIN line', 'sip:kenmyer@litwareinc.com,61739284', 'sip:kenmyer@litwareinc.com,<8 digits>'],
    ['a PIN before a name', '1234 Ken Myer', '<4 digits> Ken Myer'],
    ['a run after a tab, escaped', 'kenmyer\t123456', 'kenmyer\\t<6 digits>'],
  ])('hides %s', (_case, value, shown) => {
    expect(redact(value)).toEqual({ text: shown, hidden: true });
  });

  it.each([
    ['a name with digits', 'user1234'],
    ['a SIP address of digits', 'sip:4001@litwareinc.com'],
    ['a UPN of digits', '4001@litwareinc.com'],
    ['a phone-number SIP with +', 'sip:+14255550101@litwareinc.com'],
    ['a short number in a name', 'Room 401'],
    ['an empty value', ''],
  ])('shows %s as it is', (_case, value) => {
    expect(redact(value)).toEqual({ text: value, hidden: false });
  });

  it('escapes and cuts what it shows (120 characters of the input)', () => {
    expect(redact(`a\u001b${'b'.repeat(200)}`).text).toBe(`a\\e${'b'.repeat(118)}…`);
  });

  it('quotes with the note only when digits were hidden', () => {
    expect(quoteRedacted('61739284')).toBe(`"<8 digits>"${DIGITS_HIDDEN}`);
    expect(quoteRedacted('kenmyer', "'")).toBe("'kenmyer'");
  });

  it('never shows a run of 4 or more digits that stands alone, whatever surrounds it', () => {
    const separator = fc.constantFrom(' ', ',', ';', '\t', '|', '\\', '=', ':', '/', '"', '\u0000', '\n');
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z@. ]{0,20}$/), separator, fc.stringMatching(/^[0-9]{4,12}$/), separator, fc.stringMatching(/^[a-z@. ]{0,20}$/), (before, left, pin, right, after) => {
        expect(redact(`${before}${left}${pin}${right}${after}`).text).not.toContain(pin);
      }),
      { numRuns: 300 },
    );
  });
});
