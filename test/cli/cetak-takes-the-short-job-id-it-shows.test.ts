import { afterEach, describe, expect, it } from 'vitest';
import { resident, type TestDaemon } from '../helpers/test-daemon.js';
import { runCli, startListeningDaemon } from '../import/cli-harness.js';

let daemon: (TestDaemon & { url: string }) | undefined;
afterEach(async () => {
  await daemon?.dispose();
  daemon = undefined;
});

describe('a job id as the dashboard and the CLI show it (its first 8 characters)', () => {
  it('is taken by the API and by cetak cancel; too short a start is still unknown', async () => {
    daemon = await startListeningDaemon();
    const args = ['--data-dir', daemon.dataDir];
    const id = String((await daemon.submit(resident(601))).body.id);
    const short = id.slice(0, 8);

    const read = await daemon.daemon.server.inject({
      method: 'GET',
      url: `/api/jobs/${short}`,
      headers: { authorization: `Bearer ${daemon.daemon.token}` },
    });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id });

    const tooShort = await runCli(['cancel', id.slice(0, 7), ...args]);
    expect(tooShort.code).toBe(67);

    const cancel = await runCli(['cancel', short.toUpperCase(), ...args]);
    expect(cancel.stderr).toBe('');
    expect(cancel.code).toBe(0);
    expect(daemon.daemon.jobs.getJob(id)?.state).toBe('cancelled');
  });
});
