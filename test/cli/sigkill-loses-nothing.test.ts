import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { syntheticResidents } from '../../scripts/synthetic-residents.js';
import { spawnDaemon } from '../helpers/spawn-daemon.js';

const dir = mkdtempSync(join(tmpdir(), 'cetak-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Status {
  stations: Array<{ currentJob: string | null }>;
  kecamatan: Array<{ queue: { walkIn: number; backlog: number } }>;
}

// A real daemon is killed outright (as by a power cut) with a card in the printer and 1,000 jobs
// queued. A slow profile (a 10-minute print, 10 s at 60×) makes "a card is in the printer" last
// long enough to kill it there for certain.
it('keeps every queued job and makes the card in the printer uncertain, never reprinted by itself', async () => {
  const config = join(dir, 'slow.yaml');
  writeFileSync(
    config,
    [
      'site: { name: Kill test, ambient: 30, serviceHours: { open: "00:00", close: "23:59" } }',
      'profiles:',
      '  slow: { printSeconds: 600 }',
      'kecamatan:',
      '  - id: seberang-ulu-i',
      '    name: Seberang Ulu I',
      '    stations: [{ id: sbu1-a, driver: emulator, profile: slow }]',
    ].join('\n'),
  );
  const args = ['--config', config, '--data-dir', join(dir, 'data'), '--port', '0', '--speed', '60'];
  const first = await spawnDaemon(args);
  let inPrinter: string | null = null;
  try {
    const jobs = syntheticResidents(1000, 1);
    const batch = await first.post('/api/jobs/batch', { jobs });
    expect(((await batch.json()) as { accepted: number }).accepted).toBe(1000);
    const busy = await first.waitFor<Status>(
      '/api/status',
      (s) => Boolean(s.stations[0]?.currentJob),
      10_000,
    );
    inPrinter = busy.stations[0]?.currentJob ?? null;
    expect(inPrinter).not.toBeNull();
  } finally {
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
  }

  const second = await spawnDaemon(args);
  try {
    // 999 jobs wait; a printer that speaks only the guide takes the next one at once (it heats
    // for the card), so one of them may already be in it.
    const status = await second.get<Status>('/api/status');
    const started = status.stations[0]?.currentJob ? 1 : 0;
    expect((status.kecamatan[0]?.queue.backlog ?? 0) + started).toBe(999);
    const job = await second.get<{ state: string; journal: Array<{ to: string; detail: string }> }>(
      `/api/jobs/${inPrinter}`,
    );
    expect(job.state).toBe('uncertain');
    expect(job.journal.at(-1)).toMatchObject({ to: 'uncertain', detail: 'daemon stopped mid-card' });

    // The station warms and prints the next jobs, never this one.
    const printing = (
      await second.waitFor<Status>('/api/status', (s) => Boolean(s.stations[0]?.currentJob), 10_000)
    ).stations[0]?.currentJob;
    expect(printing).toBeTruthy();
    expect(printing).not.toBe(inPrinter);
    expect((await second.get<{ state: string }>(`/api/jobs/${inPrinter}`)).state).toBe('uncertain');

    const resolved = await second.post(`/api/jobs/${inPrinter}/resolve`, { outcome: 'spoiled' });
    expect(((await resolved.json()) as { state: string }).state).toBe('spoiled');
  } finally {
    await second.stop('SIGKILL');
  }
}, 60_000);
