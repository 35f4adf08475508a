#!/usr/bin/env node
// Regenerates test/fixtures/ldap/litwareinc.ldif from samples/litwareinc.csv (generator: test/support/sampleLdif.ts).
// Usage: node scripts/sample-ldif.mjs [--check]   (--check: exit 1 when the fixture is out of date, write nothing)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, loadTs } from './loadTs.mjs';

const { sampleLdif } = await loadTs('test/support/sampleLdif.ts');
const target = join(ROOT, 'test', 'fixtures', 'ldap', 'litwareinc.ldif');
const ldif = sampleLdif(readFileSync(join(ROOT, 'samples', 'litwareinc.csv'), 'utf8'));
if (process.argv.includes('--check')) {
  const same = readFileSync(target, 'utf8') === ldif;
  if (!same) console.error('test/fixtures/ldap/litwareinc.ldif is out of date: run node scripts/sample-ldif.mjs');
  process.exit(same ? 0 : 1);
}
writeFileSync(target, ldif);
console.log(`wrote ${target}`);
