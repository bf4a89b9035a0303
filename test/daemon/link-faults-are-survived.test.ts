import { afterEach, describe, expect, it } from 'vitest';
import { machineOf, oneStationFleet } from '../helpers/emulated-station.js';
import { resident, startTestDaemon, type TestDaemon, waitForJob } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

async function submit(t: TestDaemon, seed: number): Promise<string> {
  return String((await t.submit(resident(seed))).body.id);
}

describe('link faults that cost nothing', () => {
  for (const fault of ['garbage', 'slow-reply'] as const) {
    it(`${fault}: every card still prints`, async () => {
      test = await startTestDaemon({ config: oneStationFleet() });
      const first = await submit(test, 1);
      await waitForJob(test, first, ['printing']);
      // Strike the printer's replies again and again through two cards.
      const machine = machineOf(test, 'sbu1-a');
      const second = await submit(test, 2);
      for (let i = 0; i < 6; i++) {
        machine.trigger(fault);
        await test.clock.advance(10_000);
      }
      expect((await waitForJob(test, first, ['printed', 'spoiled', 'uncertain'])).state).toBe('printed');
      expect((await waitForJob(test, second, ['printed', 'spoiled', 'uncertain'])).state).toBe('printed');
    });
  }

  it('no-reply between cards: queued jobs wait and print once the printer answers again', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    machineOf(test, 'sbu1-a').trigger('no-reply', 120);
    const id = await submit(test, 3);
    await test.clock.advance(60_000);
    expect((await test.get(`/api/jobs/${id}`)).body.state).toBe('queued');
    expect((await waitForJob(test, id, ['printed', 'spoiled', 'uncertain'])).state).toBe('printed');
  });
});

describe('link faults with a card inside', () => {
  // The host cannot know whether such a card came out: the job becomes `uncertain` (an operator
  // decides), is never printed again by itself, and the station carries on with the next job.
  for (const [fault, seconds] of [
    ['drop-connection', undefined],
    ['no-reply', 90],
    ['printer-reset', undefined],
  ] as const) {
    it(`${fault}: the card in progress becomes uncertain and the next job prints`, async () => {
      test = await startTestDaemon({ config: oneStationFleet() });
      const first = await submit(test, 4);
      const second = await submit(test, 5);
      await waitForJob(test, first, ['printing']);
      await test.clock.advance(5_000);
      machineOf(test, 'sbu1-a').trigger(fault, seconds);

      const interrupted = await waitForJob(test, first, ['uncertain', 'printed', 'spoiled']);
      expect(interrupted.state).toBe('uncertain');
      const journal = interrupted.journal as Array<{ to: string; detail: string | null }>;
      expect(journal.at(-1)).toMatchObject({
        to: 'uncertain',
        detail: expect.stringMatching(/LINK_(LOST|TIMEOUT)/),
      });
      expect((await waitForJob(test, second, ['printed', 'spoiled', 'uncertain'])).state).toBe('printed');
      expect((await test.get(`/api/jobs/${first}`)).body.state).toBe('uncertain');
    });
  }
});
