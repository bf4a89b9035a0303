/**
 * CLI start-up benchmark (issue 15): how long `cetak status --json` takes against a running daemon,
 * beside a bare `node -e 0` on the same machine at the same moment. The budget is 8 × node's
 * start-up + 0.15 s; the run fails (exit 1) when the median `cetak` exceeds it, so CI can run it.
 *
 *   npm run bench:cli [-- --runs N] [--json]
 *
 * It builds dist/ and runs the compiled CLI as an operator's `cetak` does (`node
 * dist/src/bin/cetak.js`), against the compiled daemon on a temporary data dir. The two commands
 * take turns, so a load spike on a shared machine hits both.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { spawnDaemon } from '../test/helpers/spawn-daemon.js';
import { buildDist } from './build-dist.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '21' }, json: { type: 'boolean', default: false } },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 15)
  throw new Error(`--runs must be an integer ≥ 15, not ${values.runs}`);

/** Wall time of one process from spawn to exit, in ms; throws when it fails. */
function timed(args: readonly string[]): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return ms;
}

const median = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

buildDist();
const dataDir = mkdtempSync(join(tmpdir(), 'cetak-bench-cli-'));
const daemon = await spawnDaemon(['--data-dir', dataDir, '--port', '0']);
let verdict = 1;
try {
  const cetak = ['dist/src/bin/cetak.js', 'status', '--json', '--data-dir', dataDir];
  // One of each first, unmeasured: the OS's file cache, not the code, decides the first run.
  timed(cetak);
  timed(['-e', '0']);
  const node: number[] = [];
  const cli: number[] = [];
  for (let i = 0; i < runs; i++) {
    node.push(timed(['-e', '0']));
    cli.push(timed(cetak));
  }
  const nodeMs = median(node);
  const cliMs = median(cli);
  const budgetMs = 8 * nodeMs + 150;
  verdict = cliMs <= budgetMs ? 0 : 1;
  const result = {
    runs,
    nodeMedianMs: nodeMs,
    cetakStatusMedianMs: cliMs,
    budgetMs,
    withinBudget: verdict === 0,
  };
  if (values.json) console.log(JSON.stringify(result));
  else
    console.log(
      [
        `node -e 0:               median ${nodeMs.toFixed(0)} ms (${runs} runs)`,
        `cetak status --json:     median ${cliMs.toFixed(0)} ms (${runs} runs)`,
        `budget 8 × node + 150 ms: ${budgetMs.toFixed(0)} ms → ${verdict === 0 ? 'within' : 'OVER'}`,
      ].join('\n'),
    );
} finally {
  await daemon.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exitCode = verdict;
