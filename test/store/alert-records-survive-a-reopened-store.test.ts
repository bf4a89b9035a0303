import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'cetak-alert-store-'));
let store: SqliteStore | undefined;
afterEach(() => {
  store?.database.close();
  store = undefined;
});

it('keeps one record per active condition across a reopen, and a new one once it has cleared', () => {
  const file = join(dir, 'cetak.sqlite');
  const jam = {
    code: 'CARD-JAM',
    station: 'sbu1-a',
    level: 'warning',
    message: 'sbu1-a: card jammed',
  } as const;
  store = openSqliteStore(file);
  const first = store.alerts.raise(jam, 1000);
  expect(first.created).toBe(true);
  expect(store.alerts.acknowledge(first.record.id, 'Siti', 2000)?.acknowledgedBy).toBe('Siti');
  store.database.close();

  store = openSqliteStore(file);
  const again = store.alerts.raise({ ...jam, message: 'sbu1-a: card jammed again' }, 5000);
  expect(again.created).toBe(false);
  expect(again.record).toMatchObject({
    id: first.record.id,
    raisedAt: 1000,
    lastSeen: 5000,
    message: 'sbu1-a: card jammed again',
    acknowledgedBy: 'Siti',
    acknowledgedAt: 2000,
    clearedAt: null,
  });
  // The fleet's own alerts (no station) have their own key.
  expect(store.alerts.raise({ ...jam, station: null }, 5000).created).toBe(true);

  expect(store.alerts.clear('CARD-JAM', 'sbu1-a', 6000)?.clearedAt).toBe(6000);
  expect(store.alerts.clear('CARD-JAM', 'sbu1-a', 7000)).toBeUndefined();
  const next = store.alerts.raise(jam, 8000);
  expect(next.created).toBe(true);
  expect(next.record.id).not.toBe(first.record.id);
  expect(store.alerts.active().map((a) => [a.code, a.station])).toEqual([
    ['CARD-JAM', null],
    ['CARD-JAM', 'sbu1-a'],
  ]);
  rmSync(dir, { recursive: true, force: true });
});
