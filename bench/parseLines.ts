/**
 * Micro-benchmark of the record parser on the hot path: parseLine over 1,000,000 ADUser lines
 * shaped like `Get-CsUser | head -n 1` on the sample, varied per line, and the repeated-key check
 * alone (checkParsed on values parsed beforehand, which is steadier than the difference of two
 * noisy parseLine figures). Prints CPU ns per line, best of the runs.
 * `node .bench/build/bench/parseLines.js [lines] [runs]` after `tsc -p bench/tsconfig.json`.
 */
import { checkParsed } from '../src/core/stream/jsonCheck.js';
import { parseLine } from '../src/core/stream/parseRecords.js';

const SAMPLE =
  '{"PSTypeName":"Microsoft.Rtc.Management.ADConnect.Schema.ADUser","Identity":"CN=Ken Myer,OU=Finance,DC=litwareinc,DC=com","SipAddress":"sip:kenmyer@litwareinc.com","UserPrincipalName":"kenmyer@litwareinc.com","SamAccountName":"kenmyer","DisplayName":"Ken Myer","Enabled":true,"RegistrarPool":"atl-cs-001.litwareinc.com","LineUri":"tel:+14255550101;ext=50101","EnterpriseVoiceEnabled":true,"PinPolicy":null}';

/** The sample with its names, flags and optional values varied the way a real directory varies them. */
function line(i: number): string {
  const user = `user${i}`;
  return SAMPLE.replaceAll('kenmyer', user)
    .replace('Ken Myer', `User ${i}`)
    .replace('"Enabled":true', `"Enabled":${i % 7 !== 0}`)
    .replace('"tel:+14255550101;ext=50101"', i % 3 === 0 ? 'null' : `"tel:+1425555${String(i % 10_000).padStart(4, '0')};ext=${i % 100_000}"`)
    .replace('"PinPolicy":null', i % 5 === 0 ? '"PinPolicy":"tag:Strict"' : '"PinPolicy":null');
}

const count = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 5);
const lines = Array.from({ length: count }, (_, i) => line(i));

/**
 * Times a loop over every line, best of `runs`.
 * @param name what is timed
 * @param each the work for line i; returns a count that proves the work was done
 */
function time(name: string, each: (i: number) => number): void {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < runs; run++) {
    // CPU time, not wall time: on a shared machine the wall clock also counts waiting for a core.
    const started = process.cpuUsage();
    let done = 0;
    for (let i = 0; i < count; i++) done += each(i);
    const used = process.cpuUsage(started);
    best = Math.min(best, ((used.user + used.system) * 1000) / count);
    if (done !== count) throw new Error(`${name}: ${done} of ${count} lines`);
  }
  console.log(`${name}: best ${best.toFixed(0)} ns/line over ${count} lines`);
}

time('parseLine', (i) => parseLine({ n: i, text: lines[i] ?? '' }).length);
const values = lines.map((text) => JSON.parse(text) as unknown);
time('checkParsed alone', (i) => (checkParsed(lines[i] ?? '', values[i]) ? 1 : 0));
