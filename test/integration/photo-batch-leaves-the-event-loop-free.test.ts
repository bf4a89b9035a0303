import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, expect, it } from 'vitest';
import { syntheticPhoto } from '../../scripts/synthetic-card-images.js';
import { syntheticResident } from '../../scripts/synthetic-residents.js';
import { spawnDaemon, waitForCardsPrinted } from '../helpers/spawn-daemon.js';

const dataDir = mkdtempSync(join(tmpdir(), 'cetak-photo-batch-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** The largest photos intake accepts; decoding one in JavaScript takes about a second. */
const SIZE = { width: 2400, height: 2400 };
const PHOTOS = 8;

// A real daemon process with the default emulated fleet printing at 60×: its printers' timers run
// every few hundred ms of wall time, so a held event loop shows as missed ticks.
it('answers /healthz within 0.5 s and misses no thermal tick while a batch of big photos is checked', async () => {
  const daemon = await spawnDaemon(['--speed', '60', '--data-dir', dataDir, '--port', '0']);
  try {
    const jpeg = syntheticPhoto(1, 'jpeg', SIZE);
    const png = syntheticPhoto(2, 'png', SIZE);
    const latencies: number[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const started = performance.now();
        await (await fetch(`${daemon.url}/healthz`)).arrayBuffer();
        latencies.push(performance.now() - started);
        await sleep(50);
      }
    })();

    const answers = await Promise.all(
      Array.from({ length: PHOTOS }, (_, i) =>
        daemon.post('/api/jobs', { ...syntheticResident(700 + i), photo: i % 2 === 0 ? jpeg : png }),
      ),
    );
    // On through the printing too, where each big photo is rendered into its card: the checks
    // alone can be over in half a second, too few samples to say anything.
    const printed = await waitForCardsPrinted(daemon, PHOTOS, 90_000);
    sampling = false;
    await sampler;

    expect(answers.map((a) => a.status)).toEqual(Array(PHOTOS).fill(201));
    expect(Math.max(...latencies)).toBeLessThan(500);
    expect(printed).toBe(PHOTOS);
    expect(latencies.length).toBeGreaterThan(10);
    const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
    const late = daemon
      .output()
      .split('\n')
      .filter((line) => line.includes('fired late'));
    expect(metrics, late.join('\n')).toMatch(/^cetak_thermal_ticks_missed_total 0$/m);
  } finally {
    await daemon.stop();
  }
}, 120_000);
