import { afterEach, expect, it } from 'vitest';
import { syntheticResident, syntheticResidents } from '../../scripts/synthetic-residents.js';
import { at, startHotDay } from '../helpers/hot-day.js';
import type { TestDaemon } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

it('keeps every resident’s NIK, name and address out of the logs and error bodies through a whole day', async () => {
  const backlog = syntheticResidents(60, 1000); // what startHotDay queues
  test = await startHotDay('thermal', 60);
  const errorBodies: string[] = [];
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
  await test.clock.advanceTo(at('17:00'));
  await test.stop();

  const logs = test.logs.join('\n');
  expect(logs).toContain('card printed');
  for (const person of [...backlog, ...walkIns]) {
    for (const text of [logs, ...errorBodies]) {
      expect(text).not.toContain(person.nik);
      expect(text).not.toContain(person.name);
      expect(text).not.toContain(person.address);
    }
  }
});
