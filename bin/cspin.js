#!/usr/bin/env -S MALLOC_MMAP_THRESHOLD_=32768 node --max-semi-space-size=4 --max-old-space-size=64 --expose-gc
// One multi-call entry: the name this file was invoked by picks the cmdlet (see src/cli.ts).
// Memory: records are short-lived and the live heap stays under 10 MiB, so a small young generation
// and a capped old one cost little time; glibc maps its larger blocks (the 64 KiB I/O buffers)
// instead of carving them from a heap that fragments; --expose-gc lets the engine clear V8's string
// table now and then (src/core/stream/compactHeap.ts). Measured: under 100 MiB at 10M records.
import { main } from '../dist/cspin.mjs';
main(process.argv);
