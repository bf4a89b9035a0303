import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, expect, it } from 'vitest';
import { syntheticResident } from '../../scripts/synthetic-residents.js';
import { NEEDS_SOCAT, SOCAT_INSTALLED } from '../helpers/pty-pair.js';
import { firstStationState, printOne, spawnDaemon } from '../helpers/spawn-daemon.js';
import { spawnEmulator } from '../helpers/spawn-emulator.js';

const dir = mkdtempSync(join(tmpdir(), 'cetak-replug-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const printerEnd = join(dir, 'printer-end');
const hostEnd = join(dir, 'host-end');

/** A null-modem "cable" with stable names (socat symlinks), so it can be pulled and plugged again. */
async function plugCable(): Promise<ChildProcess> {
  const socat = spawn('socat', [`pty,raw,echo=0,link=${printerEnd}`, `pty,raw,echo=0,link=${hostEnd}`], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 100 && !(existsSync(printerEnd) && existsSync(hostEnd)); i++) await sleep(20);
  return socat;
}

it.skipIf(!SOCAT_INSTALLED)(
  `reconnects by itself after the serial cable is pulled and plugged back${NEEDS_SOCAT}`,
  async () => {
    let cable = await plugCable();
    const emulator = await spawnEmulator(['--serial', printerEnd, '--speed', '60', '--ambient', '30']);
    const config = join(dir, 'replug.yaml');
    writeFileSync(
      config,
      [
        'site: { name: Replug test, ambient: 30, serviceHours: { open: "00:00", close: "23:59" } }',
        'kecamatan:',
        '  - id: seberang-ulu-i',
        '    name: Seberang Ulu I',
        `    stations: [{ id: sbu1-serial, driver: evolis, port: "serial:${hostEnd}", link: { pollSeconds: 1, commandTimeoutSeconds: 3 } }]`,
      ].join('\n'),
    );
    const daemon = await spawnDaemon(['--config', config, '--data-dir', join(dir, 'data'), '--port', '0']);
    try {
      expect(await printOne(daemon, syntheticResident(1))).toBe('printed');

      cable.kill('SIGTERM');
      expect(await firstStationState(daemon, (state) => state === 'offline')).toBe('offline');

      cable = await plugCable();
      expect(await printOne(daemon, syntheticResident(2))).toBe('printed');
      expect(await firstStationState(daemon, () => true)).not.toBe('offline');
      expect(await daemon.stop('SIGTERM')).toBe(0);
    } finally {
      if (daemon.child.exitCode === null) daemon.child.kill('SIGKILL');
      await emulator.stop();
      cable.kill('SIGTERM');
    }
  },
  90_000,
);
