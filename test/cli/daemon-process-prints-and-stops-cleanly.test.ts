import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { syntheticResident } from '../../scripts/synthetic-residents.js';
import { spawnDaemon } from '../helpers/spawn-daemon.js';

const dataDir = mkdtempSync(join(tmpdir(), 'cetak-process-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// A real process on a real port, sped up 60×: warm-up and one card take about 4 s of wall time.
it('prints a submitted card, stops with exit 0 on SIGTERM, and still knows the job after a restart', async () => {
  const daemon = await spawnDaemon(['--speed', '60', '--data-dir', dataDir, '--port', '0']);
  try {
    const status = await fetch(`${daemon.url}/api/status`);
    expect(status.status).toBe(200);
    expect(((await status.json()) as { stations: unknown[] }).stations.length).toBeGreaterThanOrEqual(2);

    const submitted = await daemon.post('/api/jobs', syntheticResident(42));
    expect(submitted.status).toBe(201);
    const { id } = (await submitted.json()) as { id: string };

    const job = await daemon.waitFor<{ state?: string; chipUid?: string }>(
      `/api/jobs/${id}`,
      (j) => j.state === 'printed',
      15_000,
    );
    expect(job.state).toBe('printed');
    expect(job.chipUid).toMatch(/^04[0-9A-F]{12}$/);

    const started = Date.now();
    expect(await daemon.stop('SIGTERM')).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);

    const again = await spawnDaemon(['--speed', '60', '--data-dir', dataDir, '--port', '0']);
    try {
      const after = await again.get<typeof job>(`/api/jobs/${id}`);
      expect(after.state).toBe('printed');
      expect(after.chipUid).toBe(job.chipUid);
    } finally {
      expect(await again.stop('SIGINT')).toBe(0);
    }
  } finally {
    if (daemon.child.exitCode === null) daemon.child.kill('SIGKILL');
  }
});
