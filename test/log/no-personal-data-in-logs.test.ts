import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/logger.js';
import { resident, startTestDaemon, type TestDaemon, waitForJob } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

describe('personal data', () => {
  it('never reaches the daemon log while residents are printed or refused', async () => {
    test = await startTestDaemon();
    const people = [1, 2, 3].map((seed) => resident(seed));
    const ids: string[] = [];
    for (const person of people) ids.push(String((await test.submit(person)).body.id));
    await test.submit({ ...resident(4), sex: 'X' });
    for (const id of ids) await waitForJob(test, id, ['printed']);
    await test.stop();

    const log = test.logs.join('\n');
    expect(log).toContain('card printed');
    for (const person of [...people, resident(4)]) {
      expect(log).not.toContain(person.nik);
      expect(log).not.toContain(person.name);
      expect(log).not.toContain(person.address);
    }
  });

  it('is masked or redacted even when code logs a record by mistake', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _e, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = createLogger({ destination });
    const person = resident(5);
    log.info(
      { nik: person.nik, job: { nik: person.nik, name: person.name, address: person.address } },
      'oops',
    );

    const entry = JSON.parse(lines[0] ?? '{}');
    expect(entry.nik).toBe(`${person.nik.slice(0, 6)}**********`);
    expect(entry.job).toEqual({
      nik: `${person.nik.slice(0, 6)}**********`,
      name: '[redacted]',
      address: '[redacted]',
    });
  });
});
