#!/usr/bin/env node
// One multi-call entry: the name this file was invoked by picks the cmdlet (see src/cli.ts).
import { main } from '../dist/cli.js';
main(process.argv);
