import { afterEach, expect, it } from 'vitest';
import { syntheticResident, syntheticResidents } from '../../scripts/synthetic-residents.js';
import { at, startHotDay } from '../helpers/hot-day.js';
import type { TestDaemon } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

it('keeps every resident’s NIK, name and address out of logs, events, metrics and error bodies through a whole day', async () => {
  const backlog = syntheticResidents(60, 1000); // what startHotDay queues
  test = await startHotDay('thermal', 60);
  const errorBodies: string[] = [];
  // Everything a dashboard would have received over the day, as it travels.
  const events: string[] = [];
  test.daemon.events.subscribe((stamped) => events.push(JSON.stringify(stamped)));
  const walkIns = [0, 1, 2, 3].map((i) => syntheticResident(5000 + i, { priority: 'walk-in' }));
  for (const [i, person] of walkIns.entries()) {
    await test.clock.advanceTo(at(`${9 + i * 2}:15`));
    await test.submit(person);
    // The same resident again, and a broken copy: both refused, and the refusal names no one.
    errorBodies.push(JSON.stringify((await test.submit(person)).body));
    errorBodies.push(
      JSON.stringify((await test.submit({ ...person, sex: person.name, rtRw: person.address })).body),
    );
  }
  errorBodies.push(
    JSON.stringify((await test.post('/api/reprints', { nik: walkIns[0]?.nik, reason: 'x' })).body),
  );
  errorBodies.push(
    JSON.stringify((await test.post('/api/jobs/promote', { nik: `${walkIns[1]?.nik}9` })).body),
  );
  errorBodies.push(JSON.stringify((await test.post('/api/jobs/promote', { nik: backlog[59]?.nik })).body));
  await test.clock.advanceTo(at('17:00'));
  const reads = ['/metrics', '/api/status', '/api/jobs?limit=500', '/api/alerts', '/api/stations/sbu1-a'];
  const pages = await Promise.all(reads.map((url) => test.daemon.server.inject(url)));
  expect(pages.map((page) => page.statusCode)).toEqual(reads.map(() => 200));
  const metrics = pages[0]?.body ?? '';
  expect(metrics).toContain('cetak_cards_printed_total');
  await test.stop();

  const logs = test.logs.join('\n');
  expect(logs).toContain('card printed');
  expect(events.some((e) => e.includes('"to":"printed"'))).toBe(true);
  const everything = [logs, ...errorBodies, ...pages.map((page) => page.body), events.join('\n')];
  for (const person of [...backlog, ...walkIns]) {
    for (const text of everything) {
      expect(text).not.toContain(person.nik);
      expect(text).not.toContain(person.name);
      expect(text).not.toContain(person.address);
    }
  }
});
