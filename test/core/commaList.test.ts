import { describe, expect, it } from 'vitest';
import { bindCommandLine } from '../../src/core/bindCommandLine.js';
import { gatherCommaList, splitCommaList, unquoteElement } from '../../src/core/commaList.js';
import { defineCmdlet, type AnyCmdletDecl } from '../../src/core/declaration.js';
import { TerminatingError } from '../../src/core/errors.js';
import { NameListType, PropertyListType } from '../../src/core/propertyType.js';
import { Int32Type, StringType } from '../../src/core/types.js';

const listCmdlet = defineCmdlet({
  name: 'Test-List',
  synopsis: 'A cmdlet with array parameters.',
  parameters: {
    Property: { type: PropertyListType, position: 0, description: 'Names, hashtables, script blocks.' },
    ExcludeProperty: { type: NameListType, description: 'Names.' },
    First: { type: Int32Type, description: 'A number.' },
    Title: { type: StringType, position: 1, description: 'A plain string: never split.' },
  },
  examples: [],
  *process() {},
}) as unknown as AnyCmdletDecl;

const bind = (...argv: string[]) => bindCommandLine(listCmdlet, argv).params;

function usageId(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof TerminatingError && error.exitCode === 2) return error.record.errorId;
    throw error;
  }
  throw new Error('expected a usage error');
}

describe('splitCommaList', () => {
  it('splits at top-level commas only', () => {
    expect(splitCommaList('Name,Count')).toEqual(['Name', 'Count']);
    expect(splitCommaList(`DisplayName, @{n="S,p";e={$_.A, $_.B}}, 'a,b', (1,2), [x,y]`)).toEqual([
      'DisplayName',
      '@{n="S,p";e={$_.A, $_.B}}',
      "'a,b'",
      '(1,2)',
      '[x,y]',
    ]);
    expect(splitCommaList('a,')).toEqual(['a', '']);
    expect(splitCommaList("a,'b,c")).toEqual(['a', "'b,c"]);
  });

  it('unquotes a whole quoted element', () => {
    expect(unquoteElement("'a,b'")).toBe('a,b');
    expect(unquoteElement("'It''s'")).toBe("It's");
    expect(unquoteElement("'a'b")).toBe("'a'b");
  });

  it('gathers the arguments bash split after a comma or before one', () => {
    expect(gatherCommaList(['Name,', 'Count', '-First'], 0)).toEqual({ text: 'Name, Count', next: 2 });
    expect(gatherCommaList(['Name', ',Count', 'x'], 0)).toEqual({ text: 'Name ,Count', next: 2 });
    expect(gatherCommaList(['Name', ',', 'Count'], 0)).toEqual({ text: 'Name , Count', next: 3 });
    expect(gatherCommaList(['Name', 'Count'], 0)).toEqual({ text: 'Name', next: 1 });
  });
});

describe('array parameters on the command line', () => {
  it('take one argument or several, named or positional', () => {
    expect(bind('-Property', 'Name,Count').Property).toEqual(['Name', 'Count']);
    expect(bind('-Property', 'Name,', 'Count', '-First', '1')).toEqual({ Property: ['Name', 'Count'], First: 1 });
    expect(bind('Name,', 'Count', 'the title')).toEqual({ Property: ['Name', 'Count'], Title: 'the title' });
    expect(bind('Name', ',Count').Property).toEqual(['Name', 'Count']);
    expect(bind('-Property:Name,', 'Count').Property).toEqual(['Name', 'Count']);
    expect(bind('-ExcludeProperty', "a,'b,c'").ExcludeProperty).toEqual(['a', 'b,c']);
  });

  it('keep a calculated property and a script block whole', () => {
    expect(bind('DisplayName,', '@{Name="Sip"; Expression={$_.SipAddress}}').Property).toEqual([
      'DisplayName',
      {
        kind: 'hashtable',
        text: '@{Name="Sip"; Expression={$_.SipAddress}}',
        entries: [
          { key: 'Name', value: { kind: 'string', value: 'Sip' } },
          { key: 'Expression', value: { kind: 'scriptBlock', text: '{$_.SipAddress}', body: '$_.SipAddress' } },
        ],
      },
    ]);
    expect(bind('-Property', '{$_.A, 1}').Property).toEqual([{ kind: 'scriptBlock', text: '{$_.A, 1}', body: '$_.A, 1' }]);
  });

  it('never split a plain string parameter', () => {
    expect(bind('a', 'x, y').Title).toBe('x, y');
    expect(bind('a', 'x,').Title).toBe('x,');
  });

  it('refuse a list that ends with a comma or has an empty element', () => {
    expect(usageId(() => bind('Name,'))).toBe('MissingExpression');
    expect(usageId(() => bind('-Property', 'Name,', '-First', '1'))).toBe('MissingExpression');
    expect(usageId(() => bind('-Property', 'a,,b'))).toBe('MissingExpression');
    expect(usageId(() => bind('-Property', '@{n=Sip}'))).toBe('UnsupportedHashtableValue');
    expect(usageId(() => bind('-Property', '{$_.A'))).toBe('MissingEndCurlyBrace');
  });
});
