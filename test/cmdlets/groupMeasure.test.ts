/**
 * Group-Object and Measure-Object end to end through real pipes: -NoElement streams in a budget far
 * smaller than the input, groups with elements stop with MemoryBudgetExceeded (never V8's crash),
 * Measure-Object's shape and errors, and the memory budget's environment variable.
 */
import { describe, expect, it } from 'vitest';
import { errorsOf, sh } from '../support/shell.js';

const JSON_ERRORS = { CSPIN_ERROR_FORMAT: 'json', TZ: 'UTC' };
/** `yes`-made input: n objects, every third one with IsPinSet false. */
const generated = (n: number) => `seq 1 ${n} | awk '{ printf "{\\"Identity\\":\\"sip:u%d@litwareinc.com\\",\\"IsPinSet\\":%s}\\n", $1, ($1 % 3 == 0) ? "false" : "true" }'`;

describe('Group-Object', () => {
  it('-NoElement holds only the counts: 200,000 objects in a 64 KiB budget', async () => {
    const result = await sh(`${generated(200_000)} | Group-Object IsPinSet -NoElement`, { env: { ...JSON_ERRORS, CSPIN_MEMORY_BUDGET: '64K' } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.objects).toEqual([
      { PSTypeName: 'Microsoft.PowerShell.Commands.GroupInfoNoElement', Count: 66_666, Name: 'False', Group: [], Values: [false] },
      { PSTypeName: 'Microsoft.PowerShell.Commands.GroupInfoNoElement', Count: 133_334, Name: 'True', Group: [], Values: [true] },
    ]);
  });

  it('with elements past the budget: MemoryBudgetExceeded naming the limit and -NoElement, exit 1, no output', async () => {
    const result = await sh(`${generated(20_000)} | Group-Object IsPinSet`, { env: { ...JSON_ERRORS, CSPIN_MEMORY_BUDGET: '256K' } });
    expect(result.code).toBe(1);
    const errors = errorsOf(result);
    expect(errors.map((e) => e.errorId)).toEqual(['MemoryBudgetExceeded']);
    expect(errors[0]?.message).toContain('256 KiB');
    expect(errors[0]?.message).toContain('-NoElement');
    expect(result.stdout).toBe('');
  });

  it('with its default budget, a large input ends in the clear error, not in an out-of-memory crash', async () => {
    const result = await sh(`${generated(300_000)} | Group-Object IsPinSet`, { env: JSON_ERRORS });
    expect(result.code).toBe(1);
    expect(errorsOf(result).map((e) => e.errorId)).toEqual(['MemoryBudgetExceeded']);
    expect(result.stderr).not.toMatch(/FATAL|out of memory|\n\s+at /);
  });

  it('a bad CSPIN_MEMORY_BUDGET is a usage error before anything is read', async () => {
    const result = await sh(`echo 1 | Group-Object`, { env: { ...JSON_ERRORS, CSPIN_MEMORY_BUDGET: 'lots' } });
    expect(result.code).toBe(2);
    expect(errorsOf(result).map((e) => e.errorId)).toEqual(['InvalidMemoryBudget']);
  });

  it('help says what it holds, and that -NoElement holds only counts', async () => {
    const help = await sh('Group-Object -?');
    expect(help.stdout).toMatch(/MEMORY\n {4}Holds every input object .*one count per distinct key.*16 MiB/s);
  });

  it('-AsHashTable writes one object keyed by the values', async () => {
    const result = await sh(`printf '%s\\n' '{"a":"x","i":1}' '{"a":"y","i":2}' '{"a":"X","i":3}' | Group-Object a -AsHashTable`);
    expect(result.objects).toEqual([{ x: [{ a: 'x', i: 1 }, { a: 'X', i: 3 }], y: [{ a: 'y', i: 2 }] }]);
  });

  it('writes GroupInfo objects: Select-Object makes them Selected.GroupInfo; views and JSON as PowerShell 7.6 shows them', async () => {
    const input = `printf '%s\\n' '{"X":"a","N":1}' '{"X":"b","N":1}' '{"X":"a","N":1}'`;
    const [selected, table, list, json] = await Promise.all([
      sh(`${input} | Group-Object X | Select-Object Name, Count`),
      sh(`${input} | Group-Object X | Format-Table`),
      sh(`${input} | Group-Object X -NoElement | Format-List`),
      sh(`${input} | Group-Object X -NoElement | ConvertTo-Json -Compress`),
    ]);
    expect(selected.objects[0]).toEqual({ PSTypeName: 'Selected.Microsoft.PowerShell.Commands.GroupInfo', Name: 'a', Count: 2 });
    // PowerShell's own output for the same objects (its GroupInfo table view: Count 5 wide, Name 25).
    expect(table.stdout).toBe('\nCount Name                      Group\n----- ----                      -----\n    2 a                         {@{X=a; N=1}, @{X=a; N=1}}\n    1 b                         {@{X=b; N=1}}\n\n');
    expect(list.stdout).toBe('\nName   : a\nCount  : 2\nValues : {a}\n\nName   : b\nCount  : 1\nValues : {b}\n\n');
    expect(json.stdout).toBe('[{"Values":["a"],"Count":2,"Group":[],"Name":"a"},{"Values":["b"],"Count":1,"Group":[],"Name":"b"}]\n');
  });
});

describe('Measure-Object', () => {
  it('counts and sums 300,000 objects with running totals only', async () => {
    const result = await sh(`seq 1 300000 | Measure-Object -Sum -Average -Maximum -Minimum`, { env: { ...JSON_ERRORS, CSPIN_MEMORY_BUDGET: '1K' } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.objects).toEqual([{ Count: 300_000, Average: 150_000.5, Sum: 45_000_150_000, Maximum: 300_000, Minimum: 1, StandardDeviation: null, Property: null }]);
  });

  it('a non-numeric value is an error naming the record; the sum becomes null, the count keeps it', async () => {
    const result = await sh(`printf '%s\\n' '{"a":1}' '{"a":"x"}' '{"a":4}' | Measure-Object a -Sum -Maximum`, { env: JSON_ERRORS });
    expect(result.code).toBe(1);
    expect(errorsOf(result).map((e) => [e.errorId, e.record])).toEqual([['NonNumericInputObject', 2]]);
    expect(result.objects).toEqual([{ Count: 3, Average: null, Sum: null, Maximum: 4, Minimum: null, StandardDeviation: null, Property: 'a' }]);
  });

  it('-Line -Word -Character give a TextMeasureInfo', async () => {
    const result = await sh(`printf '%s\\n' '"hello world"' '"a\\nb"' | Measure-Object -Line -Word -Character`);
    expect(result.objects).toEqual([{ Lines: 3, Words: 4, Characters: 14, Property: null }]);
  });
});
