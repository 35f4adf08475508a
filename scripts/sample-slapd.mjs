#!/usr/bin/env node
// Starts a throwaway slapd holding the sample directory (test/fixtures/ldap/litwareinc.ldif) on a free
// loopback port with the tests' harness (test/support/slapd.ts), prints "URL PID" (slapd's PID) on one
// line, and stops slapd when this process gets SIGTERM, SIGINT or SIGHUP, or its stdin closes.
// Usage: node scripts/sample-slapd.mjs   (CSPIN_LDAP_BASE for the sample: DC=litwareinc,DC=com)
import { loadTs } from './loadTs.mjs';

const { SAMPLE_LDIF, slapdMissing, startSlapd } = await loadTs('test/support/slapd.ts');
const missing = slapdMissing();
if (missing) {
  console.error(`sample-slapd: ${missing}`);
  process.exit(1);
}
const slapd = await startSlapd({ ldif: [SAMPLE_LDIF] });
let stopping;
const stop = () => (stopping ??= slapd.stop().then(() => process.exit(0)));
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, stop);
process.stdin.on('end', stop).on('error', stop).resume();
console.log(`${slapd.url} ${slapd.pid}`);
