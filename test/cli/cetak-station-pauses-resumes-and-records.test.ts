import { afterEach, describe, expect, it } from 'vitest';
import type { TestDaemon } from '../helpers/test-daemon.js';
import { runCli, startListeningDaemon } from '../import/cli-harness.js';

let daemon: (TestDaemon & { url: string }) | undefined;
afterEach(async () => {
  await daemon?.dispose();
  daemon = undefined;
});

/** `pausedSince` of a station as `GET /api/status` shows it. */
async function pausedSince(test: TestDaemon, id: string): Promise<unknown> {
  const status = (await test.get('/api/status')).body as {
    stations: Array<{ id: string; pausedSince: unknown }>;
  };
  return status.stations.find((s) => s.id === id)?.pausedSince;
}

describe('cetak station', () => {
  it('pauses a station, then resumes it', async () => {
    daemon = await startListeningDaemon();
    const args = ['--data-dir', daemon.dataDir];
    expect(await pausedSince(daemon, 'sbu1-a')).toBeNull();

    const pause = await runCli(['station', 'sbu1-a', 'pause', ...args]);
    expect(pause.code).toBe(0);
    const since = await pausedSince(daemon, 'sbu1-a');
    expect(since).toBe(new Date(daemon.clock.now()).toISOString());
    expect(pause.stdout).toMatch(
      /^station sbu1-a \(seberang-ulu-i\): \S+\n {2}paused since 2026-01-05 07:\d\d:\d\d WIB\n/,
    );

    const resume = await runCli(['station', 'sbu1-a', 'resume', ...args, '--json']);
    expect(resume.code).toBe(0);
    expect(JSON.parse(resume.stdout)).toMatchObject({ id: 'sbu1-a', pausedSince: null });
    expect(await pausedSince(daemon, 'sbu1-a')).toBeNull();
  });

  it('shows the station with its books, and records loaded blanks with their batch', async () => {
    daemon = await startListeningDaemon();
    const args = ['--data-dir', daemon.dataDir];
    const show = await runCli(['station', 'sbu1-a', ...args]);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^station sbu1-a \(seberang-ulu-i\): /);
    expect(show.stdout).toContain('problems: feeder-empty');
    expect(show.stdout).toMatch(/\nITEM +LOADED +GOOD +SPOILED +UNRESOLVED +IN PRINTER\nblanks +0 +0/);

    const load = await runCli(['station', 'sbu1-a', 'blanks', '40', '--batch', 'DO-2026-01', ...args]);
    expect(load.code).toBe(0);
    expect(load.stdout).toMatch(/^station sbu1-a: 40 blanks recorded\n/);
    expect(load.stdout).toMatch(/\nblanks +40 +0 +0 +0 +40\n/);
    const books = (await daemon.get('/api/stations/sbu1-a/ledger')).body as { blanks: { loaded: number } };
    expect(books.blanks.loaded).toBe(40);

    const json = await runCli(['station', 'sbu1-a', ...args, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ id: 'sbu1-a', books: { blanks: { loaded: 40 } } });
  });

  it('sends every fix at the printer under the name the daemon knows', async () => {
    daemon = await startListeningDaemon();
    // A word the daemon did not know would be refused with 400, so exit 65.
    for (const verb of ['clear', 'hopper', 'ribbon', 'film', 'cover']) {
      const run = await runCli(['station', 'sbu1-a', verb, '--data-dir', daemon.dataDir]);
      expect(run.code, `${verb}: ${run.stderr}`).toBe(0);
      expect(run.stdout).toMatch(/^station sbu1-a \(seberang-ulu-i\): /);
    }
  });

  it('exits 67 for an unknown station and says which exist; 64 for a bad verb or count', async () => {
    daemon = await startListeningDaemon();
    const args = ['--data-dir', daemon.dataDir];
    for (const argv of [
      ['station', 'sbu9-z', 'pause'],
      ['station', 'sbu9-z'],
      ['station', 'sbu9-z', 'clear'],
    ]) {
      const run = await runCli([...argv, ...args]);
      expect(run.code, argv.join(' ')).toBe(67);
      expect(run.stderr).toMatch(/^cetak station: .*sbu9-z.*sbu1-a/);
    }
    const verb = await runCli(['station', 'sbu1-a', 'reboot', ...args]);
    expect(verb.code).toBe(64);
    expect(verb.stderr).toContain(
      'unknown verb "reboot" (known: pause, resume, warm, standby, relearn, thermal, blanks,',
    );
    const count = await runCli(['station', 'sbu1-a', 'blanks', 'ten', ...args]);
    expect(count.code).toBe(64);
    const batch = await runCli(['station', 'sbu1-a', 'pause', '--batch', 'x', ...args]);
    expect(batch.code).toBe(64);
    expect(await pausedSince(daemon, 'sbu1-a')).toBeNull();
  });
});
