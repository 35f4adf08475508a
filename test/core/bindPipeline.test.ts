import { describe, expect, it } from 'vitest';
import { PipelineBinder } from '../../src/core/bindPipeline.js';
import { defineCmdlet, type AnyCmdletDecl, type ParameterDecls } from '../../src/core/declaration.js';
import { ErrorRecord } from '../../src/core/errors.js';
import { BooleanType, Int32Type, NOT_CONVERTIBLE, StringType, isTypedObject, type ParamType } from '../../src/core/types.js';
import { mandatoryIdentityParameter } from '../../src/cmdlets/parameters.js';
import { ADUSER_TYPE } from '../../src/directory/adUser.js';
import { UserId, UserIdParameterType } from '../../src/directory/userId.js';

/** A custom parameter type: a Widget already is one; a string or a `Test.Widget` object converts to a new one. */
/** A declaration with its parameter types erased, as the cmdlet registry holds it. */
const erase = (decl: unknown): AnyCmdletDecl => decl as AnyCmdletDecl;

class Widget {
  constructor(readonly name: string) {}
}
const WIDGET_TYPE = 'Test.Widget';
const WidgetType: ParamType<Widget> = {
  name: 'Widget',
  accepts: (value) => value instanceof Widget,
  convert: (value) => {
    if (value instanceof Widget) return new Widget(value.name);
    if (typeof value === 'string') return new Widget(value);
    if (isTypedObject(value, [WIDGET_TYPE]) && typeof (value as { Name?: unknown }).Name === 'string') {
      return new Widget((value as { Name: string }).Name);
    }
    return NOT_CONVERTIBLE;
  },
};

const parameters = {
  Widget: {
    type: WidgetType,
    description: 'Mandatory; ByValue and ByPropertyName.',
    mandatory: true,
    valueFromPipeline: true,
    valueFromPipelineByPropertyName: true,
    aliases: ['Gadget', 'Thing'],
  },
  Label: { type: StringType, description: 'Optional string, ByPropertyName.', valueFromPipelineByPropertyName: true, aliases: ['Caption', 'Title'] },
  Size: { type: Int32Type, description: 'Optional Int32, ByPropertyName.', valueFromPipelineByPropertyName: true },
  Enabled: { type: BooleanType, description: 'Optional Boolean, ByPropertyName.', valueFromPipelineByPropertyName: true },
  Name: { type: StringType, description: 'Named only: takes no pipeline input.' },
} as const satisfies ParameterDecls;

const widgetCmdlet = erase(defineCmdlet({ name: 'Test-Widget', synopsis: 'Binder tests.', parameters, examples: [], *process() {} }));

/** Only an optional ByValue string: a null record has nothing to fail on. */
const optionalCmdlet = erase(defineCmdlet({
  name: 'Test-Optional',
  synopsis: 'Binder tests.',
  parameters: {
    Text: { type: StringType, description: 'Optional, ByValue.', valueFromPipeline: true },
    Label: { type: StringType, description: 'Optional, ByPropertyName.', valueFromPipelineByPropertyName: true },
  },
  examples: [],
  *process() {},
}));

const identityCmdlet = erase(defineCmdlet({
  name: 'Test-Identity',
  synopsis: 'Binder tests with the real -Identity.',
  parameters: { Identity: mandatoryIdentityParameter },
  examples: [],
  *process() {},
}));

function bound(binder: PipelineBinder, value: unknown, record?: number): Record<string, unknown> {
  const result = binder.bind(value, record);
  if (result instanceof ErrorRecord) throw new Error(`expected a binding, got ${result.errorId}`);
  return result;
}

function failure(binder: PipelineBinder, value: unknown, record?: number): ErrorRecord {
  const result = binder.bind(value, record);
  if (!(result instanceof ErrorRecord)) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return result;
}

/** Widgets by name, other values as they are: easy to compare. */
function plain(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v instanceof Widget ? `Widget(${v.name})` : v]));
}

const binder = () => new PipelineBinder(widgetCmdlet, {});

describe('PipelineBinder passes', () => {
  it('PipelineBinder pass 1 binds ByValue without coercion a value that already is the type (the same object)', () => {
    const widget = new Widget('w');
    expect(bound(binder(), widget).Widget).toBe(widget);
  });

  it('PipelineBinder pass 2 binds ByPropertyName without coercion a property that already is the type (the same object)', () => {
    const widget = new Widget('w');
    expect(bound(binder(), { Widget: widget }).Widget).toBe(widget);
  });

  it.each([
    ['a string converts to the custom type', 'abc', { Widget: 'Widget(abc)' }],
    ['a typed object converts to the custom type', { PSTypeName: WIDGET_TYPE, Name: 'typed' }, { Widget: 'Widget(typed)' }],
    ['a number does not convert, so nothing binds', 5, undefined],
  ])('PipelineBinder pass 3 binds ByValue with coercion: %s', (_case, record, expected) => {
    const result = binder().bind(record);
    if (expected === undefined) expect((result as ErrorRecord).errorId).toBe('InputObjectNotBound');
    else expect(plain(result as Record<string, unknown>)).toEqual(expected);
  });

  it.each([
    ['a number property to a string parameter', { Widget: 'w', Label: 42 }, { Widget: 'Widget(w)', Label: '42' }],
    ['a string property to an Int32 parameter', { Widget: 'w', Size: '7' }, { Widget: 'Widget(w)', Size: 7 }],
    ['a string property to the custom type', { Widget: 'w' }, { Widget: 'Widget(w)' }],
    ['a number property to a Boolean parameter', { Widget: 'w', Enabled: 0 }, { Widget: 'Widget(w)', Enabled: false }],
  ])('PipelineBinder pass 4 binds ByPropertyName with coercion: %s', (_case, record, expected) => {
    expect(plain(bound(binder(), record))).toEqual(expected);
  });

  it.each([
    [
      'pass 1 (by value) and pass 2 (by property name)',
      Object.assign(new Widget('w'), { Label: 'L', Size: 3 }),
      { Widget: 'Widget(w)', Label: 'L', Size: 3 },
    ],
    [
      'pass 2 (by property name) and pass 3 (by value)',
      { PSTypeName: WIDGET_TYPE, Name: 'typed', Label: 'L', Enabled: true },
      { Widget: 'Widget(typed)', Label: 'L', Enabled: true },
    ],
    [
      'pass 3 (by value) and pass 4 (by property name)',
      { PSTypeName: WIDGET_TYPE, Name: 'typed', Label: 12, Size: '4' },
      { Widget: 'Widget(typed)', Label: '12', Size: 4 },
    ],
  ])('PipelineBinder runs all passes, so one record fills several parameters: %s', (_case, record, expected) => {
    expect(plain(bound(binder(), record))).toEqual(expected);
  });

  it.each([
    ['pass 1 before pass 4 (property Widget ignored)', Object.assign(new Widget('byValue'), { Widget: 'byProperty' }), 'Widget(byValue)'],
    ['pass 2 before pass 3 (typed record ignored)', { PSTypeName: WIDGET_TYPE, Name: 'byValue', Widget: new Widget('byProperty') }, 'Widget(byProperty)'],
    ['pass 3 before pass 4', { PSTypeName: WIDGET_TYPE, Name: 'byValue', Widget: 'byProperty' }, 'Widget(byValue)'],
  ])('PipelineBinder skips a parameter bound in an earlier pass: %s', (_case, record, widget) => {
    expect(plain(bound(binder(), record)).Widget).toBe(widget);
  });

  it('PipelineBinder tries the passes in order ByValue, ByPropertyName (no coercion), then ByValue, ByPropertyName (coercion)', () => {
    const calls: string[] = [];
    const traced = (name: string, type: ParamType<unknown>): ParamType<unknown> => ({
      name: type.name,
      accepts: (value) => (calls.push(`${name}.accepts`), type.accepts(value)),
      convert: (value) => (calls.push(`${name}.convert`), type.convert(value)),
    });
    const decl = erase(defineCmdlet({
      name: 'Test-Trace',
      synopsis: 'Binder tests.',
      parameters: {
        ByValue: { type: traced('ByValue', WidgetType), description: 'v', valueFromPipeline: true },
        ByName: { type: traced('ByName', StringType), description: 'p', valueFromPipelineByPropertyName: true },
      },
      examples: [],
      *process() {},
    }));
    const result = new PipelineBinder(decl, {}).bind({ PSTypeName: WIDGET_TYPE, Name: 'n', ByName: 5 });
    expect(plain(result as Record<string, unknown>)).toEqual({ ByValue: 'Widget(n)', ByName: '5' });
    expect(calls).toEqual(['ByValue.accepts', 'ByName.accepts', 'ByValue.convert', 'ByName.convert']);
  });
});

describe('PipelineBinder property names', () => {
  it.each([
    ['lower-case names', { widget: 'w', label: 'l' }, { Widget: 'Widget(w)', Label: 'l' }],
    ['upper-case names', { WIDGET: 'w', SIZE: 2 }, { Widget: 'Widget(w)', Size: 2 }],
    ['a lower-case alias', { gadget: 'g' }, { Widget: 'Widget(g)' }],
  ])('PipelineBinder matches property names case-insensitively: %s', (_case, record, expected) => {
    expect(plain(bound(binder(), record))).toEqual(expected);
  });

  it.each([
    ['the name beats an alias listed before it in the record', { Title: 't', Caption: 'c', Label: 'l', Widget: 'w' }, 'l'],
    ['the first alias in declared order beats a later one', { Title: 't', Caption: 'c', Widget: 'w' }, 'c'],
    ['the second alias when it is the only one', { Title: 't', Widget: 'w' }, 't'],
    ['no abbreviation: Lab is not Label', { Lab: 'x', Widget: 'w' }, undefined],
  ])('PipelineBinder looks up the name first, then aliases in order: %s', (_case, record, label) => {
    expect(bound(binder(), record).Label).toBe(label);
  });

  it.each([
    ['Gadget before Thing', { Thing: 't', Gadget: 'g' }, 'Widget(g)'],
    ['Thing alone', { Thing: 't' }, 'Widget(t)'],
  ])('PipelineBinder binds a mandatory parameter through its aliases: %s', (_case, record, widget) => {
    expect(plain(bound(binder(), record)).Widget).toBe(widget);
  });

  it.each([
    ['a nested object with the property', { Widget: 'w', Meta: { Label: 'x' } }],
    ['a dotted property name', { Widget: 'w', 'Meta.Label': 'x' }],
  ])('PipelineBinder does not follow nested objects: %s', (_case, record) => {
    expect(plain(bound(binder(), record))).toEqual({ Widget: 'Widget(w)' });
  });

  it.each([
    ['an object-valued property to a string parameter', { Widget: 'w', Label: { Text: 'x' } }, 'an object'],
    ['an array-valued property to a string parameter', { Widget: 'w', Label: ['x'] }, 'an array'],
    ['an empty array through an alias', { Widget: 'w', caption: [] }, 'an array'],
    ['a whole number past 2^53 to a string parameter', { Widget: 'w', Label: 2 ** 64 }, 'a number'],
    ['an array to an Int32 parameter', { Widget: 'w', Size: [7] }, 'an array'],
  ])('PipelineBinder fails the record for a property it cannot take as one value: %s → CannotConvertArgument', (_case, record, kind) => {
    const error = failure(binder(), record, 4);
    expect(error).toMatchObject({ errorId: 'CannotConvertArgument', category: 'InvalidArgument', record: 4, target: undefined });
    expect(error.message).toContain(kind);
    expect(error.message).not.toMatch(/"x"|18446744073709552000/);
  });

  it('PipelineBinder still takes an object a parameter type converts (an ADUser for a UserIdParameter)', () => {
    const b = new PipelineBinder(identityCmdlet, {});
    const user = { PSTypeName: ADUSER_TYPE, Identity: 'CN=Ken Myer,DC=x', SipAddress: 'sip:kenmyer@x.com' };
    expect(bound(b, { Identity: user })).toMatchObject({ Identity: new UserId('sip:kenmyer@x.com') });
  });
});

describe('PipelineBinder and the command line', () => {
  it.each([
    ['a string record (only Widget took it by value)', 'abc'],
    ['a Widget record', new Widget('w')],
    ['an object with only Widget', { Widget: 'w' }],
  ])('PipelineBinder gives command-line parameters no pipeline input: %s → InputObjectNotBound', (_case, record) => {
    const b = new PipelineBinder(widgetCmdlet, { Widget: new Widget('cli') });
    expect(failure(b, record, 3)).toMatchObject({ errorId: 'InputObjectNotBound', record: 3 });
  });

  it('PipelineBinder keeps the command-line value and binds the rest of the record', () => {
    const b = new PipelineBinder(widgetCmdlet, { Widget: new Widget('cli'), Name: 'n' });
    expect(plain(bound(b, { Widget: 'piped', Label: 'l', Name: 'piped' }))).toEqual({ Widget: 'Widget(cli)', Name: 'n', Label: 'l' });
  });

  it.each([
    [{}, true],
    [{ Widget: new Widget('w') }, true],
    [{ Widget: new Widget('w'), Label: 'l', Size: 1, Enabled: true }, false],
  ])('PipelineBinder.takesPipelineInput for command line %j is %s', (commandLine, takes) => {
    expect(new PipelineBinder(widgetCmdlet, commandLine).takesPipelineInput).toBe(takes);
  });

  it('PipelineBinder resets between records: nothing leaks from the previous one', () => {
    const b = binder();
    expect(plain(bound(b, { Widget: 'a', Label: 'first' }))).toEqual({ Widget: 'Widget(a)', Label: 'first' });
    expect(plain(bound(b, { Widget: 'b' }))).toEqual({ Widget: 'Widget(b)' });
  });
});

describe('PipelineBinder per-record errors', () => {
  it.each([
    ['a null record to a mandatory ByValue parameter', binder, null, 'ParameterArgumentValidationErrorNullNotAllowed'],
    ['a null record when nothing is mandatory', () => new PipelineBinder(optionalCmdlet, {}), null, 'InputObjectNotBound'],
    ['a mandatory property that is null', binder, { Widget: null }, 'ParameterArgumentValidationErrorNullNotAllowed'],
    ['a mandatory property found by alias that is null', binder, { Gadget: null, Thing: 't' }, 'ParameterArgumentValidationErrorNullNotAllowed'],
    ['an empty string record to a mandatory ByValue parameter', binder, '', 'ParameterArgumentValidationErrorEmptyStringNotAllowed'],
    ['a mandatory property that is an empty string', binder, { Widget: '', Label: 'l' }, 'ParameterArgumentValidationErrorEmptyStringNotAllowed'],
    ['an object with no matching property', binder, { foo: 1 }, 'InputObjectNotBound'],
    ['an array record', binder, ['w'], 'InputObjectNotBound'],
    ['an unconvertible property only', binder, { Size: 'many' }, 'InputObjectNotBound'],
    ['the Import-Csv string "False" to a Boolean', binder, { Enabled: 'False' }, 'InputObjectNotBound'],
    ['some properties bound, the mandatory one missing', binder, { Label: 'l', Size: 2 }, 'InputObjectMissingMandatory'],
  ])('PipelineBinder reports %s', (_case, make, record, errorId) => {
    const error = failure(make(), record, 7);
    expect(error.errorId).toBe(errorId);
    expect(error.record).toBe(7);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
  ])('PipelineBinder skips both ByPropertyName passes for a %s record (optional parameters only → InputObjectNotBound)', (_case, record) => {
    // Text (ByValue) is optional, so null is not an error for it; Label (ByPropertyName) is never tried.
    expect(failure(new PipelineBinder(optionalCmdlet, {}), record).errorId).toBe('InputObjectNotBound');
  });

  it.each([
    ['an optional property that is null is left unbound', { Widget: 'w', Label: null }, { Widget: 'Widget(w)' }],
    ['an optional string property may be empty', { Widget: 'w', Label: '' }, { Widget: 'Widget(w)', Label: '' }],
    ['an unconvertible optional property is silently not bound', { Widget: 'w', Size: 'many' }, { Widget: 'Widget(w)' }],
    ['an out-of-range optional property is silently not bound', { Widget: 'w', Size: 2 ** 40 }, { Widget: 'Widget(w)' }],
    ['the string "False" does not bind to a Boolean (bool coercion takes bools and numbers)', { Widget: 'w', Enabled: 'False' }, { Widget: 'Widget(w)' }],
    ['a Boolean binds from a number', { Widget: 'w', Enabled: 2 }, { Widget: 'Widget(w)', Enabled: true }],
  ])('PipelineBinder binds the rest when %s', (_case, record, expected) => {
    expect(plain(bound(binder(), record))).toEqual(expected);
  });

  it.each([
    [1, { foo: 1 }],
    [42, 'abc'],
    [undefined, { foo: 1 }],
  ])('PipelineBinder carries record number %s in its errors', (record, value) => {
    const b = new PipelineBinder(widgetCmdlet, { Widget: new Widget('cli') });
    expect(failure(b, value, record).record).toBe(record);
  });
});

describe('PipelineBinder with UserIdParameterType', () => {
  const dn = 'CN=Ken Myer,OU=Finance,DC=litwareinc,DC=com';
  const adUser = {
    PSTypeName: ADUSER_TYPE,
    Identity: dn,
    SipAddress: 'sip:kenmyer@litwareinc.com',
    UserPrincipalName: 'kenmyer@litwareinc.com',
    SamAccountName: 'kenmyer',
    DisplayName: 'Ken Myer',
  };

  it('UserIdParameterType is the type of the real -Identity parameter', () => {
    expect(mandatoryIdentityParameter.type).toBe(UserIdParameterType);
  });

  it.each([
    ['a typed ADUser object binds by value to its SIP address', adUser, String(adUser.SipAddress)],
    ['a typed ADUser object without SipAddress still binds by its DN', { PSTypeName: ADUSER_TYPE, Identity: dn }, dn],
    ['a plain string binds by value with coercion', 'litwareinc\\kenmyer', 'litwareinc\\kenmyer'],
    ['a number binds by value with coercion', 42, '42'],
    ['an untyped object with Identity binds by property name', { Identity: 'litwareinc\\kenmyer', Other: 1 }, 'litwareinc\\kenmyer'],
    ['an untyped object with identity (any case)', { identity: 'Ken Myer' }, 'Ken Myer'],
    ['{SipAddress} binds through the alias', { SipAddress: 'sip:ellens@litwareinc.com' }, 'sip:ellens@litwareinc.com'],
    ['{UserPrincipalName} binds through the alias', { UserPrincipalName: 'ellens@litwareinc.com' }, 'ellens@litwareinc.com'],
    ['{DistinguishedName} binds through the alias', { DistinguishedName: dn }, dn],
    ['an Import-Csv row binds through the alias', { DisplayName: 'Ellen Smith', SipAddress: 'sip:ellens@litwareinc.com', Enabled: 'True' }, 'sip:ellens@litwareinc.com'],
    ['Identity beats the aliases', { SipAddress: 'sip:a@x', Identity: 'b' }, 'b'],
    ['SipAddress beats UserPrincipalName and DistinguishedName', { DistinguishedName: dn, UserPrincipalName: 'u@x', SipAddress: 'sip:s@x' }, 'sip:s@x'],
    ['an object typed otherwise binds by property name', { PSTypeName: 'Some.Other.Type', Identity: 'x' }, 'x'],
  ])('PipelineBinder with the real -Identity: %s', (_case, record, text) => {
    const params = bound(new PipelineBinder(identityCmdlet, {}), record);
    expect(params.Identity).toBeInstanceOf(UserId);
    expect((params.Identity as UserId).text).toBe(text);
  });

  it.each([
    ['{foo:1}', { foo: 1 }, 'InputObjectNotBound'],
    ['an object typed otherwise without identity properties', { PSTypeName: 'Some.Other.Type', Name: 'x' }, 'InputObjectNotBound'],
    ['an array', ['sip:a@x'], 'InputObjectNotBound'],
    ['a Boolean', true, 'InputObjectNotBound'],
    ['an object-valued Identity', { Identity: { Name: 'x' } }, 'CannotConvertArgument'],
    ['an array-valued SipAddress', { SipAddress: ['sip:a@x', 'sip:b@x'] }, 'CannotConvertArgument'],
    // [ValidateNotNullOrWhiteSpace] runs before the mandatory check, as in PowerShell: one id for all three.
    ['null', null, 'ParameterArgumentValidationError'],
    ['an empty string', '', 'ParameterArgumentValidationError'],
    ['a blank string', ' \t', 'ParameterArgumentValidationError'],
    ['an empty Identity', { Identity: '' }, 'ParameterArgumentValidationError'],
    ['a null SipAddress', { SipAddress: null }, 'ParameterArgumentValidationError'],
  ])('PipelineBinder with the real -Identity rejects %s', (_case, record, errorId) => {
    expect(failure(new PipelineBinder(identityCmdlet, {}), record, 2)).toMatchObject({ errorId, record: 2 });
  });
});
