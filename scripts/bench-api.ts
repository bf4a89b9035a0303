/**
 * Status-port benchmark: a real daemon process drives an emulated fleet of 18 printers at 60× real
 * time while 200 dashboards hold `GET /api/events` open; autocannon then loads `GET /api/status`
 * and `GET /metrics` in turn. Prints requests/s, latency percentiles, errors, the events each
 * dashboard received and the daemon's memory (current and peak RSS).
 *
 *   npm run bench:api [-- --seconds N] [--connections N] [--sse N] [--profile DIR]
 */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { type DaemonProcess, spawnDaemon } from '../test/helpers/spawn-daemon.js';
import { buildDist } from './build-dist.js';
import { sumOf } from './prometheus-samples.js';
import { syntheticResidents } from './synthetic-residents.js';

const MB = 1024 * 1024;
const KECAMATAN = 9;
const STATIONS_EACH = 2;

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    sse: { type: 'string', default: '200' },
    /** Write a CPU profile of the daemon into this folder (open it in Chrome's DevTools). */
    profile: { type: 'string' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const sseClients = Number(values.sse);

function fleetConfig(): object {
  return {
    site: {
      name: 'API bench',
      timezone: 'Asia/Jakarta',
      ambient: 'palembang-hot-day',
      serviceHours: { open: '00:00', close: '23:59' },
    },
    kecamatan: Array.from({ length: KECAMATAN }, (_, k) => ({
      id: `kec-${k + 1}`,
      name: `Kecamatan ${k + 1}`,
      stations: Array.from({ length: STATIONS_EACH }, (_, s) => ({
        id: `kec-${k + 1}-${'ab'[s]}`,
        driver: 'emulator',
        // As the default fleet's: temperatures for the dashboards (Cetak's extension), chips.
        chip: { encoder: 'emulated' },
        emulator: { stock: { feeder: 200 }, extensions: true },
      })),
    })),
  };
}

/** Linux: the process's resident set now and at its peak, from /proc. */
function memoryOf(pid: number | undefined): { rss?: number; peak?: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return {};
  }
}

/** Opens `count` event streams; returns how many events each got, and a function closing them. */
function openDashboards(url: string, count: number) {
  const received = new Array<number>(count).fill(0);
  const requests = Array.from({ length: count }, (_, i) => {
    const req = request(`${url}/api/events`, (response) => {
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        received[i] = (received[i] ?? 0) + (chunk.match(/^event: /gm)?.length ?? 0);
      });
    });
    req.on('error', () => undefined);
    req.end();
    return req;
  });
  const close = () => {
    for (const req of requests) req.destroy();
  };
  return { received, close };
}

async function load(url: string, path: string) {
  const result = await autocannon({ url: `${url}${path}`, connections, duration: seconds });
  return {
    path,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cetak-bench-api-'));
  const config = join(dir, 'fleet.yaml');
  writeFileSync(config, JSON.stringify(fleetConfig()));
  let daemon: DaemonProcess | undefined;
  try {
    const nodeArgs = [
      ...(process.env.CETAK_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      ...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : []),
    ];
    const args = ['--config', config, '--data-dir', join(dir, 'data'), '--port', '0', '--speed', '60'];
    buildDist();
    daemon = await spawnDaemon(args, 20_000, nodeArgs);
    const jobs = [];
    for (let k = 1; k <= KECAMATAN; k++)
      jobs.push(...syntheticResidents(150, k * 1000, { kecamatan: `kec-${k}` }));
    for (let i = 0; i < jobs.length; i += 500) {
      const response = await daemon.post('/api/jobs/batch', { jobs: jobs.slice(i, i + 500) });
      if (!response.ok) throw new Error(`batch refused: ${response.status} ${await response.text()}`);
    }
    const dashboards = openDashboards(daemon.url, sseClients);
    // Let the printers warm and start printing, so the numbers are taken under load.
    await daemon.waitFor<{ stations: Array<{ state: string }> }>(
      '/api/status',
      (s) => s.stations.filter((st) => st.state === 'printing').length >= 6,
      60_000,
    );
    const startMemory = memoryOf(daemon.child.pid);
    const results = [await load(daemon.url, '/api/status'), await load(daemon.url, '/metrics')];
    const endMemory = memoryOf(daemon.child.pid);
    const metricsText = await (await fetch(`${daemon.url}/metrics`)).text();
    const gauge = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metricsText)?.[1]);
    dashboards.close();

    // Since the daemon started: at 60× an evening run crosses Palembang's midnight, which resets today's.
    const printed = sumOf(metricsText, 'cetak_cards_printed_total') ?? 0;
    const events = [...dashboards.received].sort((a, b) => a - b);
    console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, Node ${process.version}`);
    console.log(
      `fleet: ${KECAMATAN * STATIONS_EACH} emulated printers at 60×, ${jobs.length} jobs, ${printed} cards printed during the run; ${sseClients} SSE clients, ${connections} HTTP connections, ${seconds} s per route`,
    );
    console.log('route          req/s   p50 ms   p99 ms   max ms   errors   non-2xx');
    for (const r of results) {
      console.log(
        `${r.path.padEnd(14)} ${String(r.requestsPerSecond).padStart(5)}   ${String(r.p50).padStart(6)}   ${String(r.p99).padStart(6)}   ${String(r.max).padStart(6)}   ${String(r.errors).padStart(6)}   ${String(r.non2xx).padStart(7)}`,
      );
    }
    console.log(
      `events per SSE client: min ${events[0]}, median ${events[Math.floor(events.length / 2)]}, max ${events.at(-1)}`,
    );
    const mb = (bytes?: number) => (bytes === undefined ? 'n/a' : `${(bytes / MB).toFixed(0)} MB`);
    console.log(
      `daemon RSS: ${mb(startMemory.rss)} before load, ${mb(endMemory.rss)} after, peak ${mb(endMemory.peak)}; JS heap ${mb(gauge('cetak_nodejs_heap_size_used_bytes'))} used of ${mb(gauge('cetak_nodejs_heap_size_total_bytes'))}, external ${mb(gauge('cetak_nodejs_external_memory_bytes'))}`,
    );
  } finally {
    await daemon?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
