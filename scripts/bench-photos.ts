/**
 * Photo-batch and memory benchmark. Starts the daemon as an office does (`npm start`, the default
 * emulated fleet, a temporary data dir, a free port, `--speed 60`), prints a day of ordinary
 * cards (160 by default, compressed in time), then submits a batch of 2400 × 2400 photos (JPEG and PNG, one
 * request each, all at once) and waits until their cards are printed. Meanwhile `/healthz` is
 * asked every ~50 ms. Prints the worst and p99 `/healthz` latency, the missed thermal ticks from
 * `/metrics`, the daemon process's own RSS and peak RSS (`VmHWM`), its JS heap, and where its
 * RSS is after the day and at the end (`/proc/PID/smaps`: node's own pages, glibc's arenas, V8).
 *
 *   npm run bench:photos [-- --cards N] [--photos N] [--snapshot DIR] [--json]
 *
 * `--snapshot DIR` writes a heap snapshot of the daemon after the batch into DIR (for the retainers
 * in docs/performance.md).
 */

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { type MemoryMap, memoryMapOf, memoryOf, npmStart, type StartedDaemon } from './npm-start.js';
import { sumOf } from './prometheus-samples.js';
import { syntheticPhoto } from './synthetic-card-images.js';
import { syntheticResident } from './synthetic-residents.js';

const MB = 1024 * 1024;
const SIDE = 2400;

const { values } = parseArgs({
  options: {
    cards: { type: 'string', default: '160' },
    photos: { type: 'string', default: '20' },
    snapshot: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const cards = Number(values.cards);
const photos = Number(values.photos);

interface Api {
  readonly daemon: StartedDaemon;
  get<T>(path: string): Promise<T>;
  post(path: string, body: unknown): Promise<Response>;
}

function api(daemon: StartedDaemon): Api {
  const headers = { authorization: `Bearer ${daemon.token}`, 'content-type': 'application/json' };
  return {
    daemon,
    get: async (path) => (await (await fetch(`${daemon.url}${path}`, { headers })).json()) as never,
    post: (path, body) =>
      fetch(`${daemon.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) }),
  };
}

/** Asks `/healthz` over and over, ~50 ms apart, until stopped; the latencies in ms. */
function sampleHealth(url: string): { stop: () => Promise<number[]> } {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await fetch(`${url}/healthz`).then((r) => r.arrayBuffer());
      latencies.push(performance.now() - started);
      await sleep(50);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return latencies;
    },
  };
}

/** A metric summed over its labels (stations, kecamatan); `undefined` when the daemon has none. */
async function metric(client: Api, name: string): Promise<number | undefined> {
  return sumOf(await (await fetch(`${client.daemon.url}/metrics`)).text(), name);
}

/**
 * Cards printed since the daemon started. Not the status's `today.printed`: at 60× a run started in
 * the evening crosses midnight in Palembang within minutes and today's count starts again at zero
 * (a run at 14:46 UTC waited for ever).
 */
async function printedCount(client: Api): Promise<number> {
  return (await metric(client, 'cetak_cards_printed_total')) ?? 0;
}

async function waitUntil(what: string, done: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`${what}: not done within ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cetak-bench-photos-'));
  const snapshotDir = values.snapshot ? resolve(values.snapshot) : undefined;
  if (snapshotDir) {
    process.env.NODE_OPTIONS =
      `${process.env.NODE_OPTIONS ?? ''} --heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${snapshotDir}`.trim();
  }
  const daemon = await npmStart(['--port', '0', '--speed', '60'], join(dir, 'data'));
  const client = api(daemon);
  let heapPeak = 0;
  const heapWatch = setInterval(() => {
    metric(client, 'cetak_nodejs_heap_size_used_bytes').then(
      (used) => {
        heapPeak = Math.max(heapPeak, used ?? 0);
      },
      () => undefined,
    );
  }, 1000);
  try {
    // A stretch of ordinary printing first: what a day leaves behind is part of the budget.
    const day = Array.from({ length: cards }, (_, i) => syntheticResident(10_000 + i));
    for (let i = 0; i < day.length; i += 500) {
      const response = await client.post('/api/jobs/batch', { jobs: day.slice(i, i + 500) });
      if (!response.ok) throw new Error(`batch refused: ${response.status} ${await response.text()}`);
    }
    await waitUntil('the day of printing', async () => (await printedCount(client)) >= cards, 30 * 60_000);
    const afterDay = memoryOf(daemon.pid);
    const afterDayMap = memoryMapOf(daemon.pid);

    const bodies = Array.from({ length: photos }, (_, i) => ({
      ...syntheticResident(20_000 + i),
      photo: syntheticPhoto(i, i % 2 === 0 ? 'jpeg' : 'png', { width: SIDE, height: SIDE }),
    }));
    const sampler = sampleHealth(daemon.url);
    await sleep(200);
    const started = performance.now();
    const answers = await Promise.all(bodies.map((body) => client.post('/api/jobs', body)));
    const checkedMs = performance.now() - started;
    const statuses = answers.map((a) => a.status);
    const accepted = statuses.filter((s) => s === 201).length;
    await waitUntil(
      'the photo cards',
      async () => (await printedCount(client)) >= cards + accepted,
      10 * 60_000,
    );
    const printedMs = performance.now() - started;
    const latencies = (await sampler.stop()).sort((a, b) => a - b);
    const missedTicks = await metric(client, 'cetak_thermal_ticks_missed_total');
    const heapUsed = await metric(client, 'cetak_nodejs_heap_size_used_bytes');
    const end = memoryOf(daemon.pid);
    const endMap = memoryMapOf(daemon.pid);
    if (snapshotDir) {
      process.kill(daemon.pid, 'SIGUSR2');
      await waitUntil('the heap snapshot', async () => snapshotWritten(snapshotDir), 120_000);
    }

    const result = {
      machine: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, Node ${process.version}`,
      load: loadavg().map((l) => l.toFixed(2)),
      cards,
      photos,
      accepted,
      refused: statuses.filter((s) => s !== 201),
      checkSeconds: round(checkedMs / 1000),
      printedSeconds: round(printedMs / 1000),
      healthz: {
        samples: latencies.length,
        p99Ms: round(latencies[Math.floor(latencies.length * 0.99)] ?? Number.NaN),
        worstMs: round(latencies.at(-1) ?? Number.NaN),
      },
      missedThermalTicks: missedTicks ?? null,
      rssMb: { afterDay: mb(afterDay.rss), end: mb(end.rss), peak: mb(end.peak) },
      heapMb: { end: mb(heapUsed ?? 0), peak: mb(Math.max(heapPeak, heapUsed ?? 0)) },
      rssByKindMb: { afterDay: byKind(afterDayMap), end: byKind(endMap) },
      threadArenas: endMap.threadArenaCount,
      threads: endMap.threads,
    };
    if (values.json) {
      console.log(JSON.stringify(result, null, 2));
      return;
    }
    console.log(`machine: ${result.machine}; load ${result.load.join(' ')}`);
    console.log(
      `${cards} cards printed, then ${photos} photos of ${SIDE} × ${SIDE} (JPEG and PNG): ${accepted} accepted in ${result.checkSeconds} s, printed after ${result.printedSeconds} s${result.refused.length > 0 ? `; refused: ${result.refused.join(' ')}` : ''}`,
    );
    console.log(
      `/healthz during the batch: worst ${result.healthz.worstMs} ms, p99 ${result.healthz.p99Ms} ms (${latencies.length} samples)`,
    );
    console.log(`missed thermal ticks: ${missedTicks ?? 'n/a (no cetak_thermal_ticks_missed_total metric)'}`);
    console.log(
      `daemon RSS: ${result.rssMb.afterDay} MB after the day, ${result.rssMb.end} MB at the end, peak (VmHWM) ${result.rssMb.peak} MB; JS heap used ${result.heapMb.end} MB, peak seen ${result.heapMb.peak} MB`,
    );
    for (const [when, at] of [
      ['after the day', result.rssByKindMb.afterDay],
      ['at the end', result.rssByKindMb.end],
    ] as const) {
      console.log(
        `RSS ${when} by kind: node executable ${at.nodeExecutable} MB, other files ${at.otherFiles} MB, main malloc arena ${at.mainArena} MB, thread arenas ${at.threadArenas} MB, other anonymous (V8 heap, large blocks, stacks) ${at.otherAnonymous} MB`,
      );
    }
    console.log(`at the end: ${result.threads} threads, ${result.threadArenas} thread arenas`);
  } finally {
    clearInterval(heapWatch);
    await daemon.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function snapshotWritten(dir: string): boolean {
  return readdirSync(dir).some((name) => name.endsWith('.heapsnapshot'));
}

/** A memory map in whole MB, its counts left out. */
function byKind(map: MemoryMap) {
  return {
    nodeExecutable: mb(map.nodeExecutable),
    otherFiles: mb(map.otherFiles),
    mainArena: mb(map.mainArena),
    threadArenas: mb(map.threadArenas),
    otherAnonymous: mb(map.otherAnonymous),
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
const mb = (bytes: number) => Math.round(bytes / MB);

await main();
