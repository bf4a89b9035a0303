import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/cetak.js';
import { SystemClock } from '../../src/clock/system-clock.js';
import { resident, type TestDaemon } from '../helpers/test-daemon.js';
import { queuedJobs, runCli, startListeningDaemon } from '../import/cli-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'cetak-submit-'));
let daemon: (TestDaemon & { url: string }) | undefined;
afterEach(async () => {
  await daemon?.dispose();
  daemon = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function jsonFile(name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

/** `cetak` in-process with `text` on its stdin (cli-harness's runCli has none). */
async function runWithStdin(argv: string[], text: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    stderrIsTty: false,
    env: {},
    clock: new SystemClock(),
    stdin: (async function* () {
      yield text.slice(0, 10);
      yield text.slice(10);
    })(),
  });
  return { code, stdout, stderr };
}

describe('cetak submit', () => {
  it('queues the job in a JSON file and prints its id and state', async () => {
    daemon = await startListeningDaemon();
    const person = resident(301, { priority: 'walk-in' });
    const run = await runCli(['submit', jsonFile('one.json', person), '--data-dir', daemon.dataDir]);
    expect(run.code).toBe(0);
    const id = /^job (\S+): queued\n$/.exec(run.stdout)?.[1];
    expect(id).toBeDefined();
    const job = (await daemon.get(`/api/jobs/${id}`)).body;
    expect(job).toMatchObject({
      state: 'queued',
      priority: 'walk-in',
      nik: `${person.nik.slice(0, 6)}**********`,
    });

    // The same resident again is refused by the daemon (65), and the CLI says why without the NIK.
    const again = await runCli(['submit', jsonFile('one.json', person), '--data-dir', daemon.dataDir]);
    expect(again.code).toBe(65);
    expect(again.stderr).toMatch(/^cetak submit: .+/);
    expect(again.stderr).not.toContain(person.nik);
    expect(await queuedJobs(daemon)).toBe(1);
  });

  it('reads the job from stdin with "-", and prints {id, state} with --json', async () => {
    daemon = await startListeningDaemon();
    const run = await runWithStdin(
      ['submit', '-', '--json', '--data-dir', daemon.dataDir],
      JSON.stringify(resident(302)),
    );
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout) as { id: string; state: string };
    expect(answer.state).toBe('queued');
    expect((await daemon.get(`/api/jobs/${answer.id}`)).body.priority).toBe('backlog');
  });

  it('lists each problem by field (65), never quoting a personal value, and stores nothing', async () => {
    daemon = await startListeningDaemon();
    const longName = 'KAMORIZU SINTETIKA '.repeat(6).trim();
    const badNik = '1671019913450001'; // month 13
    const file = jsonFile('bad.json', resident(303, { nik: badNik, name: longName, sex: 'X' as 'L' }));
    const run = await runCli(['submit', file, '--data-dir', daemon.dataDir]);
    expect(run.code).toBe(65);
    expect(run.stdout).toBe('');
    const problems = run.stderr.split('\n').filter((line) => line.startsWith('  - '));
    expect(problems.some((p) => p.startsWith('  - nik'))).toBe(true);
    expect(problems.some((p) => p.startsWith('  - name'))).toBe(true);
    expect(problems.some((p) => p.startsWith('  - sex'))).toBe(true);
    expect(run.stderr).not.toContain(badNik);
    expect(run.stderr).not.toContain('KAMORIZU');
    expect(run.stderr).not.toContain(resident(303).address);
    expect(await queuedJobs(daemon)).toBe(0);
  });

  it('refuses a list, a file that is not JSON (without quoting it) and a missing file', async () => {
    daemon = await startListeningDaemon();
    const args = ['--data-dir', daemon.dataDir];
    const list = await runCli(['submit', jsonFile('list.json', [resident(304), resident(305)]), ...args]);
    expect(list.code).toBe(65);
    expect(list.stderr).toContain('holds a list of 2; submit takes one job');

    const jsonl = join(dir, 'two.jsonl');
    writeFileSync(jsonl, `${JSON.stringify(resident(306))}\n${JSON.stringify(resident(307))}\n`);
    const lines = await runCli(['submit', jsonl, ...args]);
    expect(lines.code).toBe(65);
    expect(lines.stderr).toContain('is not valid JSON');
    expect(lines.stderr).not.toContain(resident(307).name);

    const missing = await runCli(['submit', join(dir, 'none.json'), ...args]);
    expect(missing.code).toBe(66);
    expect(missing.stderr).toContain('no such file');
    expect(await queuedJobs(daemon)).toBe(0);
  });
});
