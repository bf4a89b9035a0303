import { afterEach, describe, expect, it } from 'vitest';
import { resident, type TestDaemon } from '../helpers/test-daemon.js';
import { queuedJobs, runCli, startListeningDaemon } from '../import/cli-harness.js';

let daemon: (TestDaemon & { url: string }) | undefined;
afterEach(async () => {
  await daemon?.dispose();
  daemon = undefined;
});

describe('a job id the daemon does not know', () => {
  it('ends cancel and resolve with 67 (not found), unlike a refusal (65)', async () => {
    daemon = await startListeningDaemon();
    const args = ['--data-dir', daemon.dataDir];
    const unknown = '00000000-0000-4000-8000-000000000000';
    const cancel = await runCli(['cancel', unknown, ...args]);
    expect(cancel.code).toBe(67);
    expect(cancel.stderr).toContain(`cetak cancel: no job with id "${unknown}"`);
    const resolve = await runCli(['resolve', unknown, 'spoiled', ...args]);
    expect(resolve.code).toBe(67);

    // A job that exists but is not uncertain is refused, not missing.
    const id = String((await daemon.submit(resident(501))).body.id);
    expect((await runCli(['resolve', id, 'spoiled', ...args])).code).toBe(65);
    expect(await queuedJobs(daemon)).toBe(1);
  });
});
