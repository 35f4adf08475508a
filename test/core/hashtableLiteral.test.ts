import { describe, expect, it } from 'vitest';
import { TerminatingError } from '../../src/core/errors.js';
import { compileExpression, FilterError } from '../../src/core/filterScript.js';
import { isHashtableLiteral, parseHashtableLiteral, resolveHashtable, scriptBlockEnd, type HashtableKey } from '../../src/core/hashtableLiteral.js';

const SELECT_KEYS: HashtableKey[] = [
  { name: 'Expression', kinds: ['string', 'scriptBlock'], mandatory: true },
  { name: 'Name', aliases: ['Label'], kinds: ['string'] },
];
const SORT_KEYS: HashtableKey[] = [
  { name: 'Expression', kinds: ['string', 'scriptBlock'], mandatory: true },
  { name: 'Ascending', kinds: ['boolean'] },
  { name: 'Descending', kinds: ['boolean'] },
];

function usageId(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof TerminatingError) {
      expect(error.exitCode).toBe(2);
      return error.record.errorId;
    }
    throw error;
  }
  throw new Error('expected a usage error');
}

describe('parseHashtableLiteral', () => {
  it('reads PowerShell’s own spelling and the prefixes', () => {
    expect(parseHashtableLiteral('@{Name="Sip"; Expression={$_.SipAddress}}').entries).toEqual([
      { key: 'Name', value: { kind: 'string', value: 'Sip' } },
      { key: 'Expression', value: { kind: 'scriptBlock', text: '{$_.SipAddress}', body: '$_.SipAddress' } },
    ]);
    expect(parseHashtableLiteral("@{n='Sip';e={$_.SipAddress}}").entries.map((e) => e.key)).toEqual(['n', 'e']);
  });

  it('reads booleans, numbers, $null, escapes and newline separators', () => {
    const entries = parseHashtableLiteral("@{ Expression = 'It''s'\n Descending=$TRUE; w=-1.5; x=$null; y=\"a`tb\"\"c\" }").entries;
    expect(entries.map((e) => e.value)).toEqual([
      { kind: 'string', value: "It's" },
      { kind: 'boolean', value: true },
      { kind: 'number', value: -1.5 },
      { kind: 'null' },
      { kind: 'string', value: 'a\tb"c' },
    ]);
  });

  it('keeps braces and quotes inside a script block', () => {
    const [entry] = parseHashtableLiteral("@{e={$_.A -eq '}'}}").entries;
    expect(entry?.value).toEqual({ kind: 'scriptBlock', text: "{$_.A -eq '}'}", body: "$_.A -eq '}'" });
    expect(scriptBlockEnd('{ {x} "}" }tail', 0)).toBe(11);
    expect(scriptBlockEnd('{ never', 0)).toBe(-1);
  });

  it.each([
    ['@{n=Sip}', 'UnsupportedHashtableValue'],
    ["@{n='Sip'", 'MissingEndCurlyBrace'],
    ['@{n={$_.x}', 'MissingEndCurlyBrace'],
    ["@{n 'Sip'}", 'MissingEqualsInHashLiteral'],
    ["@{n='Sip'; e=}", 'MissingStatementInHashLiteral'],
    ["@{n='Sip' e='b'}", 'UnexpectedToken'],
    ["@{n='Sip'} x", 'UnexpectedToken'],
    ["@{n='Sip}", 'TerminatorExpectedAtEndOfString'],
    ['{n=1}', 'UnexpectedToken'],
  ])('refuses %s with %s', (text, id) => {
    expect(usageId(() => parseHashtableLiteral(text))).toBe(id);
  });

  it('echoes a hostile literal on one line, cut', () => {
    try {
      parseHashtableLiteral(`@{n=\n${'x'.repeat(500)}\u001b}`);
    } catch (error) {
      expect((error as Error).message).not.toMatch(/[\n\u001b]/);
      expect((error as Error).message.length).toBeLessThan(400);
    }
  });

  it('tells literals from other arguments', () => {
    expect(isHashtableLiteral(' @{a=1}')).toBe(true);
    expect(isHashtableLiteral('{a}')).toBe(false);
  });
});

describe('resolveHashtable', () => {
  const resolve = (text: string, keys = SELECT_KEYS) => resolveHashtable(parseHashtableLiteral(text), keys);

  it('matches keys by any case-insensitive prefix of a name or alias', () => {
    expect([...resolve("@{N='Sip';EXPR='x'}").keys()]).toEqual(['Name', 'Expression']);
    expect(resolve("@{l='Sip';e='x'}").get('Name')).toEqual({ kind: 'string', value: 'Sip' });
    expect(resolve("@{e='X'; asc=$false; d=$true}", SORT_KEYS).get('Descending')).toEqual({ kind: 'boolean', value: true });
  });

  it.each([
    ["@{n='Sip'; e={$_.b}; zz=1}", 'DictionaryKeyIllegal'],
    ["@{n='Sip'; l='x'; e='b'}", 'DictionaryKeyDuplicate'],
    ["@{n=1; e='b'}", 'DictionaryKeyIllegalValue2'],
    ['@{e=1}', 'DictionaryKeyIllegalValue1'],
    ["@{n='c';e=$null}", 'DictionaryKeyMissingValue'],
    ["@{n='Sip'}", 'DictionaryKeyMandatoryEntry'],
    ["@{Expression='X'; Descending='yes'}", 'DictionaryKeyIllegalValue2'],
  ])('refuses %s with PowerShell’s %s', (text, id) => {
    expect(usageId(() => resolve(text, text.includes('Descending') ? SORT_KEYS : SELECT_KEYS))).toBe(id);
  });

  it('calls a prefix that fits two keys ambiguous', () => {
    const keys: HashtableKey[] = [
      { name: 'Width', kinds: ['number'] },
      { name: 'Wrap', kinds: ['boolean'] },
    ];
    expect(usageId(() => resolveHashtable(parseHashtableLiteral('@{w=1}'), keys))).toBe('DictionaryKeyAmbiguous');
  });
});

describe('compileExpression', () => {
  it('gives the value of a member, of $_ and of a comparison', () => {
    expect(compileExpression('$_.SipAddress')({ SipAddress: 'sip:a@b' })).toBe('sip:a@b');
    expect(compileExpression('{ $_.sipaddress }')({ SipAddress: 'sip:a@b' })).toBe('sip:a@b');
    expect(compileExpression('$_.Missing')({ a: 1 })).toBeNull();
    expect(compileExpression('$PSItem')('text')).toBe('text');
    expect(compileExpression('$_.a -gt 1')({ a: 2 })).toBe(true);
    expect(compileExpression("'x'")({})).toBe('x');
  });

  it('refuses a command, an assignment and a pipeline', () => {
    for (const text of ['Write-Host $_.a', 'SipAddress', '$x = 1', '$_.a | Out-Null', '$_.a; 1']) {
      expect(() => compileExpression(text)).toThrow(FilterError);
    }
  });
});
