import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, expect, it } from 'vitest';
import { syntheticResident } from '../../scripts/synthetic-residents.js';
import { spawnDaemon } from '../helpers/spawn-daemon.js';
import { spawnEmulator } from '../helpers/spawn-emulator.js';

const dir = mkdtempSync(join(tmpdir(), 'cetak-tcp-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Daemon = Awaited<ReturnType<typeof spawnDaemon>>;

async function printOne(daemon: Daemon, seed: number): Promise<string | undefined> {
  const response = await daemon.post('/api/jobs', syntheticResident(seed));
  const { id } = (await response.json()) as { id: string };
  let state: string | undefined;
  for (let i = 0; i < 400 && state !== 'printed'; i++) {
    await sleep(100);
    state = ((await (await fetch(`${daemon.url}/api/jobs/${id}`)).json()) as { state: string }).state;
  }
  return state;
}

async function stationState(daemon: Daemon): Promise<string | undefined> {
  const status = (await (await fetch(`${daemon.url}/api/status`)).json()) as {
    stations: Array<{ state: string }>;
  };
  return status.stations[0]?.state;
}

// A networked printer is switched off and on again: the daemon notices, shows it offline, and
// carries on by itself once it answers again.
it('reconnects by itself after a TCP printer restarts', async () => {
  let printer = await spawnEmulator(['--tcp', '127.0.0.1:0', '--speed', '60', '--ambient', '30']);
  const endpoint = printer.endpoint;
  const config = join(dir, 'tcp.yaml');
  writeFileSync(
    config,
    [
      'site: { name: TCP restart test, ambient: 30, serviceHours: { open: "00:00", close: "23:59" } }',
      'kecamatan:',
      '  - id: seberang-ulu-i',
      '    name: Seberang Ulu I',
      `    stations: [{ id: sbu1-net, driver: evolis, port: "${endpoint}", link: { pollSeconds: 1, commandTimeoutSeconds: 3 } }]`,
    ].join('\n'),
  );
  const daemon = await spawnDaemon(['--config', config, '--data-dir', join(dir, 'data'), '--port', '0']);
  try {
    expect(await printOne(daemon, 1)).toBe('printed');

    await printer.stop();
    let state: string | undefined;
    for (let i = 0; i < 100 && state !== 'offline'; i++) {
      await sleep(100);
      state = await stationState(daemon);
    }
    expect(state).toBe('offline');

    printer = await spawnEmulator([
      '--tcp',
      endpoint.replace('tcp://', ''),
      '--speed',
      '60',
      '--ambient',
      '30',
    ]);
    expect(await printOne(daemon, 2)).toBe('printed');
    expect(await daemon.stop('SIGTERM')).toBe(0);
  } finally {
    if (daemon.child.exitCode === null) daemon.child.kill('SIGKILL');
    await printer.stop();
  }
}, 90_000);
