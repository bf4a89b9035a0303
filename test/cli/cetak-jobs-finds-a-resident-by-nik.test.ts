import { afterEach, describe, expect, it } from 'vitest';
import { resident, TEST_FLEET, type TestDaemon, waitForJob } from '../helpers/test-daemon.js';
import { runCli, startListeningDaemon } from '../import/cli-harness.js';

let daemon: (TestDaemon & { url: string }) | undefined;
afterEach(async () => {
  await daemon?.dispose();
  daemon = undefined;
});

describe('cetak jobs --nik', () => {
  it('finds a resident’s printed card after its data was erased, and nobody else’s', async () => {
    daemon = await startListeningDaemon(TEST_FLEET);
    const someone = resident(8101);
    const submitted = await daemon.submit(someone);
    await daemon.submit(resident(8102));
    const id = String(submitted.body.id);
    await waitForJob(daemon, id, ['printed']);
    // Its card data is gone: the job is found by the NIK's keyed hash alone.
    expect((await daemon.get(`/api/jobs/${id}/preview.png`)).status).toBe(410);

    const run = await runCli(['jobs', '--nik', someone.nik, '--data-dir', daemon.dataDir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      new RegExp(`^${id} +printed +${someone.nik.slice(0, 6)}\\*{10} +seberang-ulu-i `),
    );
    expect(run.stdout).not.toContain(someone.nik);

    const json = await runCli(['jobs', '--nik', someone.nik, '--json', '--data-dir', daemon.dataDir]);
    expect(JSON.parse(json.stdout)).toMatchObject({ jobs: [{ id, state: 'printed' }], next: null });

    const nobody = await runCli(['jobs', '--nik', resident(8199).nik, '--data-dir', daemon.dataDir]);
    expect(nobody).toMatchObject({ code: 0, stdout: 'no jobs\n' });
  });

  it('refuses a NIK that is not 16 digits, or other filters beside it, with 64', async () => {
    daemon = await startListeningDaemon();
    const short = await runCli(['jobs', '--nik', '12345', '--data-dir', daemon.dataDir]);
    expect(short.code).toBe(64);
    expect(short.stderr).toContain('--nik must be 16 digits');
    const mixed = await runCli([
      'jobs',
      '--nik',
      resident(1).nik,
      '--state',
      'printed',
      '--data-dir',
      daemon.dataDir,
    ]);
    expect(mixed.code).toBe(64);
    expect(mixed.stderr).toContain("--nik lists one resident's jobs; leave out --state");
    expect(mixed.stderr).not.toContain(resident(1).nik);
  });
});
