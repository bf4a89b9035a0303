import { execFileSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, expect, it } from 'vitest';
import { syntheticResident } from '../../scripts/synthetic-residents.js';
import { hasChromium, launchChromium } from '../helpers/browser.js';
import { spawnDaemon } from '../helpers/spawn-daemon.js';

const dir = mkdtempSync(join(tmpdir(), 'cetak-full-disk-'));
const disk = join(dir, 'disk');
mkdirSync(disk);

/** A 2 MB tmpfs: mounting needs root (CI runs as root); elsewhere the test says why it skips. */
function mountSmallDisk(): string | undefined {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', disk], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error).trim() || 'mount failed';
  }
}
const cannotMount = mountSmallDisk();
const SKIP_REASON = cannotMount ? ` [SKIPPED: cannot mount a tmpfs here (${cannotMount}); run as root]` : '';
if (cannotMount) console.warn(`full-disk test skipped: cannot mount a tmpfs (${cannotMount})`);

afterAll(() => {
  if (!cannotMount) execFileSync('umount', ['-l', disk]);
  rmSync(dir, { recursive: true, force: true });
});

/** Writes zeros into `file` until the disk refuses (ENOSPC). */
function fill(file: string): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

/** Polls /readyz until 200; the port is closed for a moment while the real status port takes over. */
async function readyWithin(url: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let status = 0;
  while (status !== 200 && Date.now() < deadline) {
    status = await fetch(`${url}/readyz`).then(
      (response) => response.status,
      () => 0,
    );
    if (status !== 200) await sleep(100);
  }
  return status;
}

it.skipIf(cannotMount !== undefined)(
  `on a full disk the daemon starts, says why, refuses jobs with 507 and recovers by itself${SKIP_REASON}`,
  async () => {
    const config = join(dir, 'config.yaml');
    writeFileSync(
      config,
      [
        'daemon: { storeRetrySeconds: 1, shutdownGraceSeconds: 1 }',
        'kecamatan:',
        '  - id: seberang-ulu-i',
        '    name: Seberang Ulu I',
        '    stations: [{ id: a, driver: emulator }]',
      ].join('\n'),
    );
    const dataDir = join(disk, 'data');
    const filler = join(disk, 'filler');
    fill(filler);

    const daemon = await spawnDaemon(['--config', config, '--data-dir', dataDir, '--port', '0']);
    try {
      const health = await fetch(`${daemon.url}/healthz`);
      expect(health.status).toBe(200);
      const ready = await fetch(`${daemon.url}/readyz`);
      expect(ready.status).toBe(503);
      const readyBody = (await ready.json()) as { reason: string };
      expect(readyBody.reason).toMatch(/^disk full: \d+\.\d MB free, need 1 MB$/);
      const status = await daemon.get<{ store: { writable: boolean; reason: string } }>('/api/status');
      expect(status.store).toMatchObject({ writable: false, reason: readyBody.reason });

      const refused = await fetch(`${daemon.url}/api/jobs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(syntheticResident(1)),
      });
      expect(refused.status).toBe(507);
      expect(((await refused.json()) as { error: string }).error).toBe('STORE_FULL');
      if (hasChromium) {
        // The office sees why on the dashboard, not a page that never loads.
        const browser = await launchChromium();
        try {
          const page = await browser.newPage();
          await page.goto(daemon.url);
          const banner = page.getByTestId('store-banner');
          await banner.waitFor({ state: 'visible', timeout: 20_000 });
          // In the operator's language (Bahasa by default), with the daemon's own figures.
          const [, free, need] =
            /^disk full: ([\d.]+) MB free, need ([\d.]+) MB$/.exec(readyBody.reason) ?? [];
          expect(await banner.textContent()).toContain(`disk penuh: sisa ${free} MB, perlu ${need} MB`);
        } finally {
          await browser.close();
        }
      }
      // Nothing half-made: no store file was even started on the full disk.
      expect(existsSync(join(dataDir, 'cetak.db'))).toBe(false);

      rmSync(filler);
      expect(await readyWithin(daemon.url, 20_000)).toBe(200);
      const accepted = await daemon.post('/api/jobs', syntheticResident(2));
      expect(accepted.status).toBe(201);
      expect(daemon.output()).toContain('disk has room again');
    } finally {
      const code = await daemon.stop();
      if (code !== 0) console.log(daemon.output());
      expect(code).toBe(0);
    }
  },
  60_000,
);
