import { afterEach, describe, expect, it } from 'vitest';
import { resident, type TestDaemon } from '../helpers/test-daemon.js';
import { runCli, startListeningDaemon } from '../import/cli-harness.js';

let daemon: (TestDaemon & { url: string }) | undefined;
afterEach(async () => {
  await daemon?.dispose();
  daemon = undefined;
});

describe('cetak promote', () => {
  it("turns the NIK's queued backlog job into a walk-in, showing the NIK masked", async () => {
    daemon = await startListeningDaemon();
    const person = resident(401);
    const id = String((await daemon.submit(person)).body.id);
    expect((await daemon.get(`/api/jobs/${id}`)).body.priority).toBe('backlog');

    const run = await runCli(['promote', person.nik, '--data-dir', daemon.dataDir]);
    expect(run).toEqual({
      code: 0,
      stdout: `job ${id}: queued, walk-in (NIK ${person.nik.slice(0, 6)}**********, seberang-ulu-i)\n`,
      stderr: '',
    });
    expect((await daemon.get(`/api/jobs/${id}`)).body).toMatchObject({
      state: 'queued',
      priority: 'walk-in',
    });
  });

  it('prints the promoted job as JSON with --json', async () => {
    daemon = await startListeningDaemon();
    const person = resident(402);
    const id = String((await daemon.submit(person)).body.id);
    const run = await runCli(['promote', person.nik, '--json', '--data-dir', daemon.dataDir]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      id,
      priority: 'walk-in',
      nik: `${person.nik.slice(0, 6)}**********`,
    });
    expect(run.stdout).not.toContain(person.nik);
  });

  it('exits 67 (not found) for a NIK without a queued job, without printing the NIK', async () => {
    daemon = await startListeningDaemon();
    await daemon.submit(resident(403));
    const stranger = resident(404).nik;
    const run = await runCli(['promote', stranger, '--data-dir', daemon.dataDir]);
    expect(run.code).toBe(67);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^cetak promote: .+/);
    expect(run.stderr).not.toContain(stranger);

    const typo = await runCli(['promote', '12345', '--data-dir', daemon.dataDir]);
    expect(typo.code).toBe(64);
    expect(typo.stderr).toContain('the NIK must be 16 digits');
  });
});
