import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { TestDaemon } from '../helpers/test-daemon.js';
import { queuedJobs, runCli, startListeningDaemon } from '../import/cli-harness.js';
import { writeResidentsCsv } from '../import/resident-files.js';

const dir = mkdtempSync(join(tmpdir(), 'cetak-token-'));
let daemon: TestDaemon & { url: string };
afterEach(() => daemon?.dispose());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a wrong token', () => {
  it('ends an import with exit 77, says which token is wrong, and stores nothing', async () => {
    daemon = await startListeningDaemon();
    const csv = join(dir, 'a.csv');
    await writeResidentsCsv(csv, { count: 50 });

    // A data dir that points at this daemon but holds another token: the wrong data dir.
    const other = join(dir, 'other-data');
    mkdirSync(other);
    copyFileSync(join(daemon.dataDir, 'daemon.json'), join(other, 'daemon.json'));
    writeFileSync(join(other, 'token'), 'not-the-daemons-token\n');
    const run = await runCli(['import', csv, '--data-dir', other]);
    expect(run.code).toBe(77);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `the token in ${join(other, 'token')} does not match; is this the right data dir?`,
    );

    const byOption = await runCli(['import', csv, '--url', daemon.url, '--token', 'wrong']);
    expect(byOption.code).toBe(77);
    expect(byOption.stderr).toContain('the token given with --token does not match');

    const byEnv = await runCli(['cancel', 'some-job', '--url', daemon.url], {
      env: { CETAK_TOKEN: 'wrong' },
    });
    expect(byEnv.code).toBe(77);
    expect(byEnv.stderr).toContain('CETAK_TOKEN does not match');

    const none = await runCli(['import', csv, '--url', daemon.url]);
    expect(none.code).toBe(77);
    expect(none.stderr).toContain("needs the daemon's token");

    expect(await queuedJobs(daemon)).toBe(0);
  });

  it('is not needed to read: status works with --url alone', async () => {
    daemon = await startListeningDaemon();
    const run = await runCli(['status', '--url', daemon.url]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('sbu1-a');
  });
});
