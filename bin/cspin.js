#!/usr/bin/env -S MALLOC_MMAP_THRESHOLD_=131072 node --max-semi-space-size=4 --max-old-space-size=64 --expose-gc --single-threaded
// One multi-call entry: the name this file was invoked by picks the cmdlet (see src/cli.ts).
// Memory: records are short-lived and the live heap stays under 10 MiB, so a small young generation
// and a capped old one cost little time; a fixed mmap threshold keeps glibc from moving large blocks
// into a heap that fragments (128 KiB: the 64 KiB I/O buffers stay in the heap, no mmap per read);
// --expose-gc lets the engine clear V8's string table now and then (src/core/stream/compactHeap.ts);
// no V8 background threads (--single-threaded: GC and compiler on this thread), since the other core
// runs the other end of the pipe and the lookup thread (README, Design). < 100 MiB at 10M.
import { main } from '../dist/cspin.mjs';
main(process.argv);
