import { afterEach, describe, expect, it } from 'vitest';
import { machineOf, oneStationFleet } from '../helpers/emulated-station.js';
import { resident, startTestDaemon, type TestDaemon, waitForJob } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

// The guide's three reply forms — text ended by CR, by NUL, and the ACK/NACK protocol — through the
// whole daemon: the driver reads each from the first reply on, and a card prints the same way.
describe('a printer answering in each of the guide’s reply forms', () => {
  for (const replies of ['cr', 'nul', 'ack-nack'] as const) {
    it(`${replies}: connects, prints a card with its chip, and a refused blank is not-started`, async () => {
      test = await startTestDaemon({ config: oneStationFleet({ emulator: { replies } }) });
      const machine = machineOf(test, 'sbu1-a');
      expect(machine.wire.replyStyle).toBe(replies);
      const first = String((await test.submit(resident(1))).body.id);
      const printed = await waitForJob(test, first, ['printed', 'spoiled', 'uncertain']);
      expect(printed).toMatchObject({ state: 'printed', chipUid: expect.stringMatching(/^04[0-9A-F]{12}$/) });

      machine.trigger('cover-open');
      const blanks = machine.status().counters.feeder;
      const second = String((await test.submit(resident(2))).body.id);
      await test.clock.advance(10 * 60_000);
      expect((await test.get(`/api/jobs/${second}`)).body.state).toBe('queued');
      expect(machine.status().counters.feeder).toBe(blanks);
      await test.post('/api/stations/sbu1-a/actions', { action: 'cover-closed' });
      expect((await waitForJob(test, second, ['printed', 'spoiled', 'uncertain'])).state).toBe('printed');
    });
  }
});
