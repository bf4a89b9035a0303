import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { syntheticResident } from '../../scripts/synthetic-residents.js';
import { firstStationState, printOne, spawnDaemon } from '../helpers/spawn-daemon.js';
import { spawnEmulator } from '../helpers/spawn-emulator.js';

const dir = mkdtempSync(join(tmpdir(), 'cetak-tcp-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
    expect(await printOne(daemon, syntheticResident(1))).toBe('printed');

    await printer.stop();
    expect(await firstStationState(daemon, (state) => state === 'offline')).toBe('offline');

    printer = await spawnEmulator([
      '--tcp',
      endpoint.replace('tcp://', ''),
      '--speed',
      '60',
      '--ambient',
      '30',
    ]);
    expect(await printOne(daemon, syntheticResident(2))).toBe('printed');
    expect(await daemon.stop('SIGTERM')).toBe(0);
  } finally {
    if (daemon.child.exitCode === null) daemon.child.kill('SIGKILL');
    await printer.stop();
  }
}, 90_000);
