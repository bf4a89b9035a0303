/**
 * `npm run simulate -- --config FILE [--scenario FILE] [--policy thermal|fifo] [--days N] [--json]
 * [--plot FILE]`: the real daemon on a virtual clock through simulated days (docs/simulator.md).
 */
import { simulateMain } from '../src/simulator/cli.js';

process.exitCode = await simulateMain(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});
