/**
 * Import benchmark: 100,000 synthetic residents (1 % bad) through `cetak import` into a real
 * daemon process on the system clock, whose emulated printers have no blanks so the queue stays
 * put. Prints the machine, rows/s, wall time and the CLI's peak RSS for a first import and for a
 * second one of the same file (all duplicates).
 *
 *   npm run bench:import [-- --rows N]
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DAEMON_NODE_FLAGS } from '../src/bin/node-flags.js';
import { main } from '../src/cli/cetak.js';
import type { CliIo } from '../src/cli/commands/cli-support.js';
import { SystemClock } from '../src/clock/system-clock.js';
import { writeResidentsCsv } from '../test/import/resident-files.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const THIS_FILE = fileURLToPath(import.meta.url);
const MB = 1024 * 1024;

interface ImportRun {
  readonly code: number;
  readonly summary: string;
  readonly rejectLines: number;
  readonly seconds: number;
  readonly peakRss: number;
  readonly peakHeap: number;
}

/** Runs `cetak import` in this process, sampling RSS every 50 ms. */
async function timedImport(file: string, dataDir: string): Promise<ImportRun> {
  let out = '';
  let rejectLines = 0;
  const io: CliIo = {
    stdout: {
      write: (text: string) => {
        out = text;
        rejectLines += text.startsWith('line ') ? 1 : 0;
      },
    },
    stderr: { write: (text: string) => process.stderr.write(text) },
    stderrIsTty: false,
    env: {},
    clock: new SystemClock(),
  };
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  sample();
  const sampler = setInterval(sample, 50);
  const started = performance.now();
  try {
    const code = await main(['import', file, '--data-dir', dataDir], io);
    const seconds = (performance.now() - started) / 1000;
    sample();
    return { code, summary: out.trim(), rejectLines, seconds, peakRss, peakHeap };
  } finally {
    clearInterval(sampler);
  }
}

/** Starts `cetakd` with an idle emulated fleet and waits for its daemon.json. */
async function startDaemon(dir: string): Promise<{ child: ChildProcess; dataDir: string; log: string }> {
  const config = join(dir, 'bench.yaml');
  const idle = { driver: 'emulator', emulator: { stock: { feeder: 0 } } };
  writeFileSync(
    config,
    JSON.stringify({
      site: { name: 'Import bench', timezone: 'Asia/Jakarta', ambient: 30 },
      kecamatan: [
        {
          id: 'seberang-ulu-i',
          name: 'Seberang Ulu I',
          stations: [
            { id: 'sbu1-a', ...idle },
            { id: 'sbu1-b', ...idle },
          ],
        },
      ],
    }),
  );
  const dataDir = join(dir, 'data');
  const log = join(dir, 'daemon.log');
  const child = spawn(
    process.execPath,
    [
      ...DAEMON_NODE_FLAGS,
      '--import',
      'tsx',
      'src/bin/cetakd.ts',
      '--config',
      config,
      '--data-dir',
      dataDir,
      '--port',
      '0',
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CETAK_LOG_LEVEL: 'warn' } },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  const deadline = performance.now() + 30_000;
  while (!existsSync(join(dataDir, 'daemon.json'))) {
    if (child.exitCode !== null || performance.now() > deadline) {
      throw new Error(`the daemon did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, dataDir, log };
}

/** The daemon's peak RSS so far, from /proc (Linux only). */
function daemonPeakRss(pid: number | undefined): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

function report(label: string, run: ImportRun, rows: number, daemonPeak: number | undefined): void {
  const rate = Math.round(rows / run.seconds).toLocaleString('en-US');
  const daemon =
    daemonPeak === undefined ? '' : `, daemon peak RSS ${(daemonPeak / MB).toFixed(0)} MB so far`;
  console.log(`${label}: ${run.summary} (exit ${run.code}, ${run.rejectLines} reject lines)`);
  console.log(
    `  ${run.seconds.toFixed(2)} s wall, ${rate} rows/s, CLI peak RSS ${(run.peakRss / MB).toFixed(0)} MB ` +
      `(JS heap in use at most ${(run.peakHeap / MB).toFixed(0)} MB)${daemon}`,
  );
}

async function bench(rows: number): Promise<void> {
  const cpu = cpus();
  console.log(
    `machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}, ${process.platform} ${process.arch}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'cetak-bench-'));
  const file = join(dir, 'residents.csv');
  let daemon: Awaited<ReturnType<typeof startDaemon>> | undefined;
  try {
    // Generated in a child process, so this process's memory figures are the import's alone.
    const generating = performance.now();
    const generated = spawnSync(
      process.execPath,
      ['--import', 'tsx', THIS_FILE, '--generate', file, String(rows)],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
    if (generated.status !== 0) throw new Error('generating the CSV failed');
    const size = statSync(file).size;
    console.log(
      `file: ${rows.toLocaleString('en-US')} rows (1 % bad), ${(size / MB).toFixed(1)} MB of CSV, generated in ${((performance.now() - generating) / 1000).toFixed(1)} s`,
    );
    daemon = await startDaemon(dir);
    console.log(`RSS before importing: ${(process.memoryUsage.rss() / MB).toFixed(0)} MB`);
    report('first import', await timedImport(file, daemon.dataDir), rows, daemonPeakRss(daemon.child.pid));
    report('second import', await timedImport(file, daemon.dataDir), rows, daemonPeakRss(daemon.child.pid));
    console.log(`CLI process maxRSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  } finally {
    if (daemon) {
      daemon.child.kill('SIGTERM');
      if (daemon.child.exitCode === null) await once(daemon.child, 'exit');
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
if (args[0] === '--generate') {
  const [, file, count] = args;
  await writeResidentsCsv(file as string, { count: Number(count), badEvery: 100 });
} else {
  const rowsFlag = args.indexOf('--rows');
  const rows = rowsFlag === -1 ? 100_000 : Number(args[rowsFlag + 1]);
  if (!Number.isSafeInteger(rows) || rows < 100) {
    console.error('usage: npm run bench:import [-- --rows N]  (N >= 100)');
    process.exitCode = 64;
  } else await bench(rows);
}
