import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/virtual-clock.js';
import type { AlertBook } from '../../src/events/alert-book.js';
import { watchLearning } from '../../src/events/learning-watch.js';
import { watchStoreHealth } from '../../src/events/store-watch.js';
import { attentionFor } from '../../src/station/thermal-view.js';
import { StoreHealth } from '../../src/store/store-health.js';

/** The dashboard's own module (browser JavaScript without types), run here as the browser runs it. */
interface Words {
  alertWords(alert: { code: string; message: string }): string;
  storeReasonWords(reason: string): string;
}
const WORDS: string = '../../src/dashboard/words.js';
const { alertWords, storeReasonWords } = (await import(WORDS)) as Words;

// Words only an English reader would understand: none may reach a counter operator reading Bahasa.
const ENGLISH = /\b(the|disk full|free|need|store|printer is|worth|against|profile says|locked|errors)\b/i;

/** What the daemon itself raises when its store fails with `sqliteCode`. */
function raisedFor(sqliteCode: string, freeBytes?: number): { code: string; message: string } {
  const raised: Array<{ code: string; message: string }> = [];
  const book = {
    raise: (a: never) => raised.push(a),
    note: () => {},
    clear: () => {},
  } as unknown as AlertBook;
  const health = new StoreHealth(new VirtualClock(0), () => freeBytes);
  watchStoreHealth(health, book, pino({ level: 'silent' }));
  health.classify(Object.assign(new Error('sqlite'), { code: sqliteCode }));
  const [alert] = raised;
  if (!alert) throw new Error(`no alert for ${sqliteCode}`);
  return alert;
}

/** What the daemon's learning watch raises for a station whose snapshot shows these findings. */
function raisedByLearningWatch(findings: readonly string[]): Array<{ code: string; message: string }> {
  const raised: Array<{ code: string; message: string }> = [];
  const book = { raise: (a: never) => raised.push(a), clear: () => {} } as unknown as AlertBook;
  const snapshot = { thermal: { evidence: { cards: 1 }, attention: findings } };
  let changed: ((change: { snapshot: () => typeof snapshot }) => void) | undefined;
  const station = {
    id: 'sbu1-a',
    snapshot: () => snapshot,
    onChange: (listener: typeof changed) => {
      changed = listener;
      return () => {};
    },
  };
  watchLearning([station] as never, book, new VirtualClock(0));
  changed?.({ snapshot: () => snapshot });
  return raised;
}

describe('the dashboard in Bahasa Indonesia', () => {
  it('says a full disk with its figures, in the alert and in the banner', () => {
    const alert = raisedFor('SQLITE_FULL', 0.2 * 1024 * 1024);
    expect(alert.message).toMatch(/^disk full: 0\.2 MB free/);
    const words = alertWords(alert);
    expect(words).toContain('disk penuh: sisa 0.2 MB, perlu 1 MB');
    expect(words).not.toMatch(ENGLISH);
    expect(storeReasonWords(alert.message.split(';')[0] as string)).toMatch(/^disk penuh: sisa 0\.2 MB/);
  });

  it.each(['SQLITE_READONLY', 'SQLITE_IOERR', 'SQLITE_BUSY'])('says why the store fails on %s', (code) => {
    const words = alertWords(raisedFor(code));
    expect(words).toMatch(/^Penyimpanan data tidak bisa ditulis: /);
    expect(words).not.toMatch(ENGLISH);
  });

  it('names each way a printer can differ from its profile, with both figures', () => {
    const datasheet = { thermal: { heatPerCardC: 2, timeConstantMinutes: 25, heaterOffsetC: 5 } };
    const figure = (mean: number, profile: number) => ({ mean, low: mean, high: mean, profile });
    const findings = [2, 0.5].flatMap((factor) =>
      attentionFor(
        {
          heatPerCardC: figure(2 * factor, 2),
          timeConstantMinutes: figure(25 * factor, 25),
          heaterOffsetC: figure(5 * factor, 5),
        } as never,
        datasheet as never,
      ),
    );
    expect(findings).toHaveLength(6);
    const said = raisedByLearningWatch(findings).map(alertWords);
    for (const words of said) {
      expect(words).toMatch(
        /^Printer ini .+: [\d.]+, menurut profil [\d.]+\. Sebaiknya diperiksa teknisi\.$/,
      );
      expect(words).not.toMatch(ENGLISH);
    }
    expect(new Set(said).size).toBe(6);
  });
});
