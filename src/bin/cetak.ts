#!/usr/bin/env node
import { main, processIo } from '../cli/cetak.js';

// The operator's command line (`npm run cetak -- …`); all the work is in src/cli/cetak.ts, which
// tests import without this shebang.
main(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
