import { afterEach, describe, expect, it } from 'vitest';
import { resident, type TestDaemon } from '../helpers/test-daemon.js';
import { runCli, startListeningDaemon } from '../import/cli-harness.js';

let daemon: (TestDaemon & { url: string }) | undefined;
afterEach(async () => {
  await daemon?.dispose();
  daemon = undefined;
});

/** Five queued jobs (seeds 101…105), the last two walk-ins; returns their ids, oldest first. */
async function fiveJobs(test: TestDaemon): Promise<string[]> {
  const ids: string[] = [];
  for (let seed = 101; seed <= 105; seed++) {
    const priority = seed >= 104 ? 'walk-in' : 'backlog';
    const answer = await test.submit(resident(seed, { priority }));
    expect(answer.status).toBe(201);
    ids.push(String(answer.body.id));
  }
  return ids;
}

interface JsonJob {
  id: string;
  nik: string;
  priority: string;
  state: string;
}

describe('cetak jobs', () => {
  it('prints a table of jobs, newest first, with the NIK masked', async () => {
    daemon = await startListeningDaemon();
    const ids = await fiveJobs(daemon);
    const run = await runCli(['jobs', '--data-dir', daemon.dataDir]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID +STATE +NIK +KECAMATAN +PRIORITY +STATION +CREATED +FINISHED$/);
    expect(lines.slice(1).map((line) => line.split(/ +/)[0])).toEqual([...ids].reverse());
    const nik = resident(105).nik;
    expect(lines[1]).toMatch(
      new RegExp(
        `^${ids[4]} +queued +${nik.slice(0, 6)}\\*{10} +seberang-ulu-i +walk-in +- +2026-01-05 07:\\d\\d:\\d\\d WIB +-$`,
      ),
    );
    for (let seed = 101; seed <= 105; seed++) expect(run.stdout).not.toContain(resident(seed).nik);
    expect(run.stderr).toBe('');
  });

  it('shows one page and says how to get the next; --all follows every page', async () => {
    daemon = await startListeningDaemon();
    const ids = await fiveJobs(daemon);
    const args = ['--data-dir', daemon.dataDir];

    const first = await runCli(['jobs', '--limit', '2', ...args]);
    expect(first.code).toBe(0);
    expect(first.stdout.trimEnd().split('\n')).toHaveLength(3);
    const cursor = /--before (\S+) /.exec(first.stderr)?.[1];
    expect(cursor).toBeDefined();
    const second = await runCli(['jobs', '--limit', '2', '--before', String(cursor), ...args, '--json']);
    expect((JSON.parse(second.stdout) as { jobs: JsonJob[] }).jobs.map((j) => j.id)).toEqual([
      ids[2],
      ids[1],
    ]);

    const all = await runCli(['jobs', '--limit', '2', '--all', ...args, '--json']);
    expect(all.code).toBe(0);
    const parsed = JSON.parse(all.stdout) as { jobs: JsonJob[]; next: string | null };
    expect(parsed.jobs.map((j) => j.id)).toEqual([...ids].reverse());
    expect(parsed.next).toBeNull();
    expect(all.stdout).not.toContain(resident(101).nik);

    const table = await runCli(['jobs', '--limit', '2', '--all', ...args]);
    expect(table.stdout.trimEnd().split('\n')).toHaveLength(6);
    expect(table.stderr).toBe('');
  });

  it('filters by priority and state, and refuses an unknown one with 64', async () => {
    daemon = await startListeningDaemon();
    const ids = await fiveJobs(daemon);
    const args = ['--data-dir', daemon.dataDir, '--json'];
    const walkIns = await runCli(['jobs', '--priority', 'walk-in', ...args]);
    expect(walkIns.code).toBe(0);
    const jobs = (JSON.parse(walkIns.stdout) as { jobs: JsonJob[] }).jobs;
    expect(jobs.map((j) => j.id)).toEqual([ids[4], ids[3]]);
    expect(jobs.every((j) => j.priority === 'walk-in')).toBe(true);

    const printed = await runCli(['jobs', '--state', 'printed', ...args]);
    expect(JSON.parse(printed.stdout)).toEqual({ jobs: [], next: null });
    const none = await runCli(['jobs', '--state', 'printed', '--data-dir', daemon.dataDir]);
    expect(none.stdout).toBe('no jobs\n');

    const typo = await runCli(['jobs', '--state', 'qeued', '--data-dir', daemon.dataDir]);
    expect(typo.code).toBe(64);
    expect(typo.stderr).toContain('--state must be one of queued, printing, printed');
    const limit = await runCli(['jobs', '--limit', '0', '--data-dir', daemon.dataDir]);
    expect(limit.code).toBe(64);
  });
});
