import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { syntheticResident } from '../../scripts/synthetic-residents.js';
import { JOB_COLUMNS } from '../../src/import/job-columns.js';
import type { TestDaemon } from '../helpers/test-daemon.js';
import { queuedJobs, runCli, startListeningDaemon } from '../import/cli-harness.js';
import { BAD_ROW_KINDS, csvRecord, writeResidentsCsv } from '../import/resident-files.js';

const dir = mkdtempSync(join(tmpdir(), 'cetak-import-'));
const file = join(dir, 'residents.csv');
let daemon: TestDaemon & { url: string };
let summary: Awaited<ReturnType<typeof writeResidentsCsv>>;
/** Lines of the two rows the CLI itself rejects: one too long, one not UTF-8. */
const LONG_LINE = 302;
const NOT_UTF8_LINE = 303;

beforeAll(async () => {
  summary = await writeResidentsCsv(file, { count: 300, badEvery: 25, seed: 1000 });
  const extra = syntheticResident(5000) as Record<string, string>;
  appendFileSync(
    file,
    `${csvRecord(JOB_COLUMNS.map((c) => (c === 'address' ? 'x'.repeat(70_000) : (extra[c] ?? ''))))}\n`,
  );
  appendFileSync(
    file,
    Buffer.concat([
      Buffer.from(`${csvRecord(JOB_COLUMNS.map((c) => extra[c] ?? ''))}`),
      Buffer.from([0xfe, 0x0a]),
    ]),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => daemon?.dispose());

const args = () => ['import', file, '--data-dir', daemon.dataDir];

describe('cetak import', () => {
  it('queues the good rows and lists every rejected row by line, with reasons and no personal data', async () => {
    daemon = await startListeningDaemon();
    const run = await runCli(args());

    expect(run.code).toBe(65);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(
      `accepted ${summary.good}, duplicates 0, rejected ${summary.badLines.length + 2}`,
    );
    const rejects = lines.slice(0, -1);
    expect(rejects.map((l) => Number(/^line (\d+): /.exec(l)?.[1]))).toEqual([
      ...summary.badLines,
      LONG_LINE,
      NOT_UTF8_LINE,
    ]);
    summary.badLines.forEach((_, i) => {
      const kind = BAD_ROW_KINDS[i % BAD_ROW_KINDS.length];
      expect(rejects[i]?.replace(/^line \d+: /, '')).toMatch(kind?.reason ?? /never/);
    });
    expect(rejects.at(-2)).toBe(`line ${LONG_LINE}: record is longer than 64 KiB`);
    expect(rejects.at(-1)).toBe(`line ${NOT_UTF8_LINE}: not valid UTF-8`);
    for (const secret of summary.badSamples) expect(run.stdout).not.toContain(secret);
    expect(await queuedJobs(daemon)).toBe(summary.good);
  });

  it('stores nothing new when the same file is imported again: the good rows are duplicates', async () => {
    daemon = await startListeningDaemon();
    await runCli(args());
    const again = await runCli(args());
    expect(again.code).toBe(65);
    expect(again.stdout.trimEnd().split('\n').at(-1)).toBe(
      `accepted 0, duplicates ${summary.good}, rejected ${summary.badLines.length + 2}`,
    );
    expect(await queuedJobs(daemon)).toBe(summary.good);
  });

  it('prints JSON Lines with --json: one object per rejected row, then the summary', async () => {
    daemon = await startListeningDaemon();
    const run = await runCli([...args(), '--json']);
    const objects = run.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objects.at(-1)).toEqual({
      rows: summary.good + summary.badLines.length + 2,
      accepted: summary.good,
      duplicates: 0,
      rejected: summary.badLines.length + 2,
    });
    expect(objects[0]).toEqual({
      line: summary.badLines[0],
      outcome: 'rejected',
      problems: [expect.stringMatching(/^sex: /)],
    });
  });

  it('shows progress on stderr only when it is a terminal, and the same results on stdout', async () => {
    daemon = await startListeningDaemon();
    const run = await runCli(args(), { tty: true });
    expect(run.stderr).toMatch(/\[[#.]{24}\] +\d+%/);
    expect(run.stderr).toContain('rows/s');
    expect(run.stderr).toMatch(/\d+ rows in \d+\.\d s/);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(
      `accepted ${summary.good}, duplicates 0, rejected ${summary.badLines.length + 2}`,
    );
  });

  it('reads JSON Lines, and exits 0 when nothing is rejected', async () => {
    daemon = await startListeningDaemon();
    const jsonl = join(dir, 'residents.ndjson');
    writeFileSync(
      jsonl,
      `${[1, 2, 3].map((seed) => JSON.stringify(syntheticResident(7000 + seed))).join('\n')}\n`,
    );
    const run = await runCli(['import', jsonl, '--data-dir', daemon.dataDir]);
    expect(run).toEqual({ code: 0, stdout: 'accepted 3, duplicates 0, rejected 0\n', stderr: '' });
    expect(await queuedJobs(daemon)).toBe(3);
  });

  it('refuses a file whose header has an unknown column before sending anything', async () => {
    daemon = await startListeningDaemon();
    const bad = join(dir, 'bad-header.csv');
    writeFileSync(
      bad,
      `${[...JOB_COLUMNS, 'hobby'].join(',')}\n${csvRecord(JOB_COLUMNS.map(() => 'x'))},catur\n`,
    );
    const run = await runCli(['import', bad, '--data-dir', daemon.dataDir]);
    expect(run.code).toBe(65);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('line 1: header: unknown column "hobby"');
    expect(run.stderr).toContain('nothing was imported');
    expect(await queuedJobs(daemon)).toBe(0);
  });
});
