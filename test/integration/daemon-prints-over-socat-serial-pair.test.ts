import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { syntheticResident } from '../../scripts/synthetic-residents.js';
import { NEEDS_SOCAT, SOCAT_INSTALLED, startPtyPair } from '../helpers/pty-pair.js';
import { spawnDaemon } from '../helpers/spawn-daemon.js';
import { spawnEmulator } from '../helpers/spawn-emulator.js';

const dir = mkdtempSync(join(tmpdir(), 'cetak-socat-'));
// The chip is personalised by a program, as PC/SC software would be, while the card waits at the
// contactless station (`Sic`).
const chipWriter = JSON.stringify({
  encoder: 'command',
  program: process.execPath,
  args: [fileURLToPath(new URL('../helpers/uid-from-job.mjs', import.meta.url))],
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Three real processes: socat makes a null-modem pair of pseudo-terminals; the stand-alone
// emulator, speaking only the Programming Guide (no extensions), serves one end (60× fast, so its
// 162.5 s warm-up takes under 3 s); the daemon drives an `evolis` station on the other end in real
// time, exactly as it would a USB-serial printer.
it.skipIf(!SOCAT_INSTALLED)(
  `prints cards on an evolis station over a serial pty pair${NEEDS_SOCAT}`,
  async () => {
    const pty = await startPtyPair();
    const emulator = await spawnEmulator(['--serial', pty.a, '--speed', '60', '--ambient', '30']);
    const config = join(dir, 'serial.yaml');
    writeFileSync(
      config,
      [
        'site: { name: Serial test, ambient: 30, serviceHours: { open: "00:00", close: "23:59" } }',
        'kecamatan:',
        '  - id: seberang-ulu-i',
        '    name: Seberang Ulu I',
        '    stations:',
        `      - { id: sbu1-serial, driver: evolis, port: "serial:${pty.b}?baud=115200", link: { pollSeconds: 1 }, chip: ${chipWriter} }`,
      ].join('\n'),
    );
    const daemon = await spawnDaemon(['--config', config, '--data-dir', join(dir, 'data'), '--port', '0']);
    try {
      const ids: string[] = [];
      for (const seed of [1, 2]) {
        const response = await daemon.post('/api/jobs', syntheticResident(seed));
        expect(response.status).toBe(201);
        ids.push(((await response.json()) as { id: string }).id);
      }
      const jobs: Array<{ state?: string; chipUid?: string; stationId?: string }> = [];
      for (const id of ids) {
        jobs.push(
          await daemon.waitFor<(typeof jobs)[number]>(`/api/jobs/${id}`, (job) => job.state === 'printed'),
        );
      }
      expect(jobs.map((j) => j.state)).toEqual(['printed', 'printed']);
      expect(jobs.every((j) => /^04[0-9A-F]{12}$/.test(String(j.chipUid)))).toBe(true);
      expect(jobs[0]?.chipUid).not.toBe(jobs[1]?.chipUid);

      const status = (await (await fetch(`${daemon.url}/api/status`)).json()) as {
        stations: Array<{
          id: string;
          driver: string;
          printer: { serial: string } | null;
          today: { printed: number };
        }>;
      };
      expect(status.stations[0]).toMatchObject({
        id: 'sbu1-serial',
        driver: 'evolis',
        today: { printed: 2 },
      });
      expect(status.stations[0]?.printer?.serial).toBe('EMU0001');
      expect(await daemon.stop('SIGTERM')).toBe(0);
    } finally {
      if (daemon.child.exitCode === null) daemon.child.kill('SIGKILL');
      await emulator.stop();
      await pty.kill();
    }
  },
  60_000,
);
