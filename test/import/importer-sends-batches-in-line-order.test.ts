import { describe, expect, it } from 'vitest';
import { type BatchJob, type BatchResult, importRows, type ReportedRow } from '../../src/import/importer.js';
import type { SourceRow } from '../../src/import/source-row.js';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Rows for lines 2…count+1; every 50th a row the daemon rejects, every 97th one unreadable. */
async function* rows(count: number, pulled?: { n: number }): AsyncGenerator<SourceRow> {
  for (let i = 0; i < count; i++) {
    if (pulled) pulled.n++;
    const line = i + 2;
    if (i % 97 === 96) yield { line, error: 'not valid UTF-8' };
    else yield { line, fields: { name: `ROW ${i}`, bad: i % 50 === 49 ? 'yes' : 'no' } };
  }
}

/** A daemon stand-in: answers by the `bad` field; batches are answered when the test says. */
function fakeDaemon() {
  const pending: Array<{ jobs: readonly BatchJob[]; resolve: (r: BatchResult[]) => void }> = [];
  const sent: (readonly BatchJob[])[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const answer = (jobs: readonly BatchJob[]): BatchResult[] =>
    jobs.map((job) =>
      job.bad === 'yes'
        ? { line: job.line, outcome: 'rejected', problems: ['bad: must be no'] }
        : { line: job.line, outcome: 'accepted' },
    );
  return {
    sent,
    pending,
    get maxInFlight() {
      return maxInFlight;
    },
    send: (jobs: readonly BatchJob[]) => {
      sent.push(jobs);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return new Promise<BatchResult[]>((resolve) => {
        pending.push({
          jobs,
          resolve: (results) => {
            inFlight--;
            resolve(results);
          },
        });
      });
    },
    /** Answers every waiting batch, newest first, so answers arrive out of order. */
    answerNewestFirst() {
      for (const batch of pending.splice(0).reverse()) batch.resolve(answer(batch.jobs));
    },
  };
}

async function runToEnd(daemon: ReturnType<typeof fakeDaemon>, done: Promise<unknown>) {
  let finished = false;
  void done.finally(() => {
    finished = true;
  });
  while (!finished) {
    await tick();
    daemon.answerNewestFirst();
  }
  return done;
}

describe('importRows', () => {
  it('sends batches of at most 500, three at a time, and reports rejects in line order', async () => {
    const daemon = fakeDaemon();
    const reported: ReportedRow[] = [];
    const summary = await runToEnd(
      daemon,
      importRows({ rows: rows(2345), send: daemon.send, onReported: (r) => reported.push(r) }),
    );
    const unreadable = Math.floor(2345 / 97);
    const rejectedByDaemon = Array.from({ length: 2345 }, (_, i) => i).filter(
      (i) => i % 50 === 49 && i % 97 !== 96,
    ).length;
    expect(summary).toEqual({
      read: 2345,
      accepted: 2345 - unreadable - rejectedByDaemon,
      duplicates: 0,
      rejected: unreadable + rejectedByDaemon,
    });
    expect(Math.max(...daemon.sent.map((b) => b.length))).toBeLessThanOrEqual(500);
    expect(daemon.maxInFlight).toBe(3);
    const lines = reported.map((r) => r.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(reported).toHaveLength(unreadable + rejectedByDaemon);
    expect(reported).toContainEqual({ line: 98, outcome: 'rejected', problems: ['not valid UTF-8'] });
    expect(reported).toContainEqual({ line: 51, outcome: 'rejected', problems: ['bad: must be no'] });
  });

  it('reads no further ahead than the batches in flight and one more', async () => {
    const daemon = fakeDaemon();
    const pulled = { n: 0 };
    const done = importRows({ rows: rows(100_000, pulled), send: daemon.send, onReported: () => {} });
    for (let i = 0; i < 50; i++) await tick();
    expect(daemon.sent).toHaveLength(3);
    expect(pulled.n).toBeLessThanOrEqual(5 * 500 + 1);
    daemon.answerNewestFirst();
    for (let i = 0; i < 50; i++) await tick();
    expect(daemon.sent.length).toBeLessThanOrEqual(6);
    expect(pulled.n).toBeLessThanOrEqual(8 * 500 + 1);
    await runToEnd(daemon, done);
  });

  it("gives each row a request id from its content, and keeps a row's own", async () => {
    const sent: BatchJob[] = [];
    const send = async (jobs: readonly BatchJob[]) => {
      sent.push(...jobs);
      return jobs.map((j) => ({ line: j.line, outcome: 'accepted' as const }));
    };
    const source = (): AsyncGenerator<SourceRow> =>
      (async function* () {
        yield { line: 2, fields: { nik: '1', name: 'A' } };
        yield { line: 3, fields: { name: 'A', nik: '1' } };
        yield { line: 4, fields: { nik: '1', name: 'B' } };
        yield { line: 5, fields: { nik: '1', name: 'A', requestId: 'counter-1:7' } };
      })();
    await importRows({ rows: source(), send, onReported: () => {} });
    await importRows({ rows: source(), send, onReported: () => {} });
    const ids = sent.map((j) => j.requestId);
    expect(ids[0]).toMatch(/^imp-[0-9a-f]{24}$/);
    expect(ids[1]).toBe(ids[0]); // same fields, other order
    expect(ids[2]).not.toBe(ids[0]);
    expect(ids[3]).toBe('counter-1:7');
    expect(ids.slice(4)).toEqual(ids.slice(0, 4));
  });

  it('splits a batch before it passes the byte limit', async () => {
    const sizes: number[] = [];
    const send = async (jobs: readonly BatchJob[]) => {
      sizes.push(Buffer.byteLength(JSON.stringify({ jobs })));
      return jobs.map((j) => ({ line: j.line, outcome: 'accepted' as const }));
    };
    const wide = async function* (): AsyncGenerator<SourceRow> {
      for (let i = 0; i < 40; i++) yield { line: i + 2, fields: { address: 'x'.repeat(1000) } };
    };
    const summary = await importRows({ rows: wide(), send, onReported: () => {}, maxBatchBytes: 10_000 });
    expect(summary.accepted).toBe(40);
    expect(sizes.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(10_100);
  });

  it('never prints a personal value the daemon might echo, and drops repeated field names', async () => {
    const reported: ReportedRow[] = [];
    const send = async (jobs: readonly BatchJob[]) =>
      jobs.map((j) => ({
        line: j.line,
        outcome: 'rejected' as const,
        problems: [
          'nik: nik: birth date part is not a real date',
          `name: "${j.name}" is odd`,
          'x 1671053112860002',
        ],
      }));
    const source = async function* (): AsyncGenerator<SourceRow> {
      yield { line: 2, fields: { name: 'FIZUNE REKAAN', nik: '1671053112860002' } };
    };
    await importRows({ rows: source(), send, onReported: (r) => reported.push(r) });
    expect(reported).toEqual([
      {
        line: 2,
        outcome: 'rejected',
        problems: [
          'nik: birth date part is not a real date',
          'name: "[redacted]" is odd',
          'x 167105**********',
        ],
      },
    ]);
  });

  it('stops at a batch that cannot be sent, finishing the ones in flight', async () => {
    let calls = 0;
    const send = async (jobs: readonly BatchJob[]) => {
      calls++;
      await tick();
      if (calls === 2) throw new Error('daemon went away');
      return jobs.map((j) => ({ line: j.line, outcome: 'accepted' as const }));
    };
    const summary = await importRows({ rows: rows(10_000), send, onReported: () => {}, concurrency: 1 });
    expect(calls).toBe(2);
    expect(summary.stopped?.line).toBe(502);
    expect(summary.stopped?.error).toEqual(new Error('daemon went away'));
    expect(summary.accepted + summary.rejected).toBe(500);
  });
});
