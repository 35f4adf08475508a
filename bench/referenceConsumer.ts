/**
 * The least a Get-CsClientPinInfo in Node must do, without the engine: a yardstick for the
 * benchmark, not a cmdlet. It reads ADUser NDJSON from stdin, parses each line (input must be
 * validated), looks each chunk's SIP addresses up in one query and writes one PinInfoDetails line per
 * user, with backpressure. No binding, errors, policies, record numbers or ShouldProcess.
 * `get-csuser | node .bench/build/bench/referenceConsumer.js` (CSPIN_DB names the database).
 */
import Database from 'better-sqlite3';

const db = new Database(process.env.CSPIN_DB ?? '', { readonly: true, fileMustExist: true });
db.pragma('cache_size = -4096');
const lookup = db
  .prepare<[string], string | null>(
    `SELECT '[' || group_concat(json_array(u.sip, p.hash IS NOT NULL, p.locked, p.changed_at)) || ']'
     FROM json_each(?) q CROSS JOIN users u ON u.sip_key = q.value LEFT JOIN pins p ON p.key_id = u.id`,
  )
  .pluck();

const iso = (ms: number | null) => (ms === null ? 'null' : `"${new Date(ms).toISOString()}"`);
const decoder = new TextDecoder();
let rest = '';

function consume(text: string): string {
  const keys: string[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const user = JSON.parse(line) as { SipAddress?: string };
    if (typeof user.SipAddress === 'string') keys.push(user.SipAddress.toLowerCase());
  }
  const rows = JSON.parse(lookup.get(JSON.stringify(keys)) ?? '[]') as [string, number, number | null, number | null][];
  let out = '';
  for (const [sip, isSet, locked, changed] of rows) {
    out += `{"PSTypeName":"Microsoft.Rtc.Management.UserPinService.PinInfoDetails","Identity":${JSON.stringify(sip)},"IsPinSet":${isSet === 1},"IsLockedOut":${locked === 1},"LastPinChangeTime":${iso(changed)},"PinExpirationTime":null}\n`;
  }
  return out;
}

process.stdin.on('data', (chunk: Buffer) => {
  const text = rest + decoder.decode(chunk, { stream: true });
  const last = text.lastIndexOf('\n');
  rest = text.slice(last + 1);
  if (last < 0) return;
  if (!process.stdout.write(consume(text.slice(0, last)))) {
    process.stdin.pause();
    process.stdout.once('drain', () => process.stdin.resume());
  }
});
process.stdout.on('error', () => process.exit(0)); // a reader that went away (| head)
process.stdin.on('end', () => process.stdout.write(consume(rest)));
