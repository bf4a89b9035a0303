import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { JOB_COLUMNS } from '../../src/import/job-columns.js';
import { oneStationFleet } from '../helpers/emulated-station.js';
import { resident, startTestDaemon, type TestDaemon, waitForJob } from '../helpers/test-daemon.js';
import { queuedJobs, runCli, startListeningDaemon } from '../import/cli-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'cetak-cmds-'));
let daemon: (TestDaemon & { url: string }) | undefined;
afterEach(async () => {
  await daemon?.dispose();
  daemon = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('cetak command line', () => {
  it('prints usage: 64 without a command or with an unknown one, 0 for --help', async () => {
    const none = await runCli([]);
    expect(none.code).toBe(64);
    expect(none.stderr).toContain('Usage: npm run cetak -- <command>');
    const unknown = await runCli(['imprt', 'x.csv']);
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain('unknown command "imprt"');
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const name of ['import', 'status', 'resolve', 'reprint', 'cancel', 'report', 'backup']) {
      expect(help.stdout).toContain(`  ${name} `);
      const own = await runCli([name, '--help']);
      expect(own.code, name).toBe(0);
      expect(own.stdout, name).toMatch(new RegExp(`^Usage: npm run cetak -- ${name}`));
    }
  });

  it.each([
    [['import'], 'missing FILE'],
    [['import', 'a.csv', 'b.csv'], 'unexpected argument "b.csv"'],
    [['import', 'a.csv', '--frobnicate'], "Unknown option '--frobnicate'"],
    [['import', 'a.csv', '--format', 'xml'], '--format must be one of csv, jsonl'],
    [['resolve', 'job-1', 'maybe'], 'the outcome must be printed or spoiled'],
    [['reprint', '1671053112860002'], '--reason must be one of spoiled, lost, damaged, data-corrected'],
    [['report', 'weekly'], 'unknown report "weekly"'],
  ])('refuses %j with exit 64 and says why', async (argv, why) => {
    const run = await runCli(argv);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain(why);
    expect(run.stderr).toContain('--help for more');
  });

  it('exits 69 naming the data dir and how to start the daemon when none runs there', async () => {
    const dataDir = join(dir, 'no-daemon');
    const run = await runCli(['status', '--data-dir', dataDir]);
    expect(run.code).toBe(69);
    expect(run.stderr).toContain(`the data dir ${dataDir} has no daemon.json`);
    expect(run.stderr).toContain(`npm start -- --data-dir ${dataDir}`);
  });

  it('exits 66 for an import file that is not there', async () => {
    daemon = await startListeningDaemon();
    const run = await runCli(['import', join(dir, 'none.csv'), '--data-dir', daemon.dataDir]);
    expect(run.code).toBe(66);
    expect(run.stderr).toContain(`cannot read ${join(dir, 'none.csv')}: no such file`);
  });

  it('exits 69 when nothing answers at --url', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const csv = join(dir, 'one.csv');
    writeFileSync(
      csv,
      `${JOB_COLUMNS.join(',')}\n${JOB_COLUMNS.map((c) => String(resident(1)[c as 'nik'] ?? '')).join(',')}\n`,
    );
    const run = await runCli(['import', csv, '--url', url, '--token', 't']);
    expect(run.code).toBe(69);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`nothing was imported: no daemon answers at ${url} (connection refused)`);
    const status = await runCli(['status', '--url', url]);
    expect(status.code).toBe(69);
    expect(status.stderr).toContain(`no daemon answers at ${url} (connection refused)`);
  });

  it('shows the fleet and the daily report', async () => {
    daemon = await startListeningDaemon();
    await daemon.submit(resident(11));
    const status = await runCli(['status', '--data-dir', daemon.dataDir]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/STATION +KECAMATAN +STATE/);
    expect(status.stdout).toMatch(/sbu1-a +seberang-ulu-i +\S+ +0\/160 +0 +0 \+ 1/);

    const report = await runCli(['report', 'daily', '--date', '2026-01-05', '--data-dir', daemon.dataDir]);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('daily report for 2026-01-05');
    expect(report.stdout).toMatch(/station +sbu1-a +0 +0/);
    const csv = await runCli(['report', 'daily', '--csv', '--data-dir', daemon.dataDir]);
    expect(csv.stdout).toMatch(/^level,id,kecamatan,good,/);
  });

  it('cancels a queued job once, then explains why not (65)', async () => {
    daemon = await startListeningDaemon();
    const id = String((await daemon.submit(resident(12))).body.id);
    const cancel = await runCli(['cancel', id, '--data-dir', daemon.dataDir]);
    expect(cancel).toMatchObject({ code: 0, stdout: `job ${id}: cancelled\n` });
    expect(await queuedJobs(daemon)).toBe(0);
    const again = await runCli(['cancel', id, '--data-dir', daemon.dataDir]);
    expect(again.code).toBe(65);
    expect(again.stderr).toMatch(/^cetak cancel: /);
  });

  it('refuses to resolve a job that is not uncertain (65)', async () => {
    daemon = await startListeningDaemon();
    const id = String((await daemon.submit(resident(13))).body.id);
    const run = await runCli([
      'resolve',
      id,
      'printed',
      '--reason',
      'card seen',
      '--data-dir',
      daemon.dataDir,
    ]);
    expect(run.code).toBe(65);
    expect(run.stderr).toMatch(/^cetak resolve: .+/);
  });

  it('refuses a reprint for a NIK without a printed card (65), showing only the masked NIK', async () => {
    daemon = await startListeningDaemon();
    const nik = String(resident(14).nik);
    const run = await runCli(['reprint', nik, '--reason', 'lost', '--data-dir', daemon.dataDir]);
    expect(run.code).toBe(65);
    expect(run.stderr).not.toContain(nik);
    expect(run.stderr).toContain(`${nik.slice(0, 6)}**********`);
  });

  it('settles an uncertain job, then authorises a reprint of its NIK', async () => {
    // A stop mid-card (grace shorter than the card) leaves the job uncertain.
    let test = await startTestDaemon({
      config: { ...oneStationFleet(), daemon: { shutdownGraceSeconds: 5 } },
    });
    const person = resident(15);
    const id = String((await test.submit(person)).body.id);
    await waitForJob(test, id, ['printing']);
    test = await test.restart();
    daemon = Object.assign(test, { url: await test.daemon.listen('127.0.0.1', 0) });
    const args = ['--data-dir', test.dataDir];

    const resolved = await runCli([
      'resolve',
      id,
      'printed',
      '--chip-uid',
      '04a1b2c3d4',
      '--reason',
      'good card in tray',
      ...args,
    ]);
    expect(resolved).toEqual({
      code: 0,
      stdout: `job ${id}: printed (station sbu1-a, chip 04A1B2C3D4)\n`,
      stderr: '',
    });
    expect((await test.submit(person)).body.error).toBe('NIK_LOCKED');

    // Importing the printed resident again stores nothing, and says why.
    const csv = join(dir, 'printed.csv');
    writeFileSync(
      csv,
      `${JOB_COLUMNS.join(',')}\n${JOB_COLUMNS.map((c) => String(person[c as 'nik'] ?? '')).join(',')}\n`,
    );
    const imported = await runCli(['import', csv, ...args]);
    expect(imported).toEqual({
      code: 0,
      stdout:
        'line 2 (duplicate): nik: card already printed; a reprint must be authorised\n' +
        'accepted 0, duplicates 1, rejected 0\n',
      stderr: '',
    });

    const reprint = await runCli(['reprint', person.nik, '--reason', 'damaged', ...args, '--json']);
    expect(reprint.code).toBe(0);
    expect(JSON.parse(reprint.stdout)).toMatchObject({
      nik: `${person.nik.slice(0, 6)}**********`,
      reason: 'damaged',
    });
    expect(reprint.stdout).not.toContain(person.nik);
    expect((await test.submit(person)).status).toBe(201);
  });
});
