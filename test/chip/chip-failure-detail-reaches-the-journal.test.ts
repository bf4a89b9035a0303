import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/logger.js';
import { bookOutcome } from '../../src/station/book-outcome.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';

const T0 = Date.UTC(2026, 0, 5, 1, 0, 0);
const DAY = '2026-01-05';

describe('a card spoiled by its chip', () => {
  it('keeps the encoder detail in the journal and the bare reason in the ledger', () => {
    const { jobs, ledger } = openSqliteStore(':memory:');
    const submitted = jobs.submit(
      { nik: '1671053112860002', kecamatan: 'kec-a', priority: 'walk-in', card: { nama: 'FIZUNE REKAAN' } },
      T0,
    );
    if (submitted.outcome !== 'created') throw new Error(submitted.outcome);
    const job = jobs.claimNext('st-1', ['kec-a'], T0 + 1);
    if (!job) throw new Error('nothing claimed');

    const outcome = {
      result: 'spoiled',
      reason: 'chip-error',
      detail: 'encoder exited with code 3',
    } as const;
    expect(bookOutcome(jobs, job, outcome, T0 + 2, DAY, createLogger({ level: 'silent' }))).toBe(true);

    expect(jobs.getJob(job.id)?.spoilReason).toBe('chip-error');
    expect(jobs.journal(job.id).at(-1)).toMatchObject({
      from: 'printing',
      to: 'spoiled',
      detail: 'chip-error: encoder exited with code 3',
    });
    expect(ledger.summary('st-1', 'blanks').spoiledByReason).toEqual({ 'chip-error': 1 });
  });
});
