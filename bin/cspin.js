#!/usr/bin/env -S node --max-semi-space-size=4 --max-old-space-size=64
// One multi-call entry: the name this file was invoked by picks the cmdlet (see src/cli.ts).
// The V8 limits keep a streaming command under 100 MiB: records are short-lived, so a small young
// generation and an old generation capped well above the live set (under 10 MiB) cost little time.
import { main } from '../dist/cspin.mjs';
main(process.argv);
