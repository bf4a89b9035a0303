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
  it('drop-connection: the card in progress becomes uncertain and the next job prints', async () => {
    // The link itself is gone: nothing can be asked, so whether the card came out is for an
    // operator to decide. The job is never printed again by itself.
    test = await startTestDaemon({ config: oneStationFleet() });
    const first = await submit(test, 4);
    const second = await submit(test, 5);
    await waitForJob(test, first, ['printing']);
    await test.clock.advance(5_000);
    machineOf(test, 'sbu1-a').trigger('drop-connection');

    const interrupted = await waitForJob(test, first, ['uncertain', 'printed', 'spoiled']);
    expect(interrupted.state).toBe('uncertain');
    const journal = interrupted.journal as Array<{ to: string; detail: string | null }>;
    expect(journal.at(-1)).toMatchObject({ to: 'uncertain', detail: expect.stringMatching(/LINK_LOST/) });
    expect((await waitForJob(test, second, ['printed', 'spoiled', 'uncertain'])).state).toBe('printed');
    expect((await test.get(`/api/jobs/${first}`)).body.state).toBe('uncertain');
  });

  // A printer that goes silent with a card inside is waited for; once it answers, its last answer
  // (`Rlr`) says how the card ended.
  it('no-reply: the printer finished the card while silent; Rlr says OK and the card is printed', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    const first = await submit(test, 4);
    const second = await submit(test, 5);
    await waitForJob(test, first, ['printing']);
    // The chip takes 20 s; then the card is printing, and its answer falls in the silence.
    const machine = machineOf(test, 'sbu1-a');
    await test.clock.until(
      () => machine.state === 'printing' && machine.card?.chipUid !== undefined,
      60_000,
      500,
    );
    await test.clock.advance(5_000);
    machine.trigger('no-reply', 120);

    const done = await waitForJob(test, first, ['uncertain', 'printed', 'spoiled']);
    expect(done.state).toBe('printed');
    expect(machineOf(test, 'sbu1-a').lastCard?.fate).toBe('hopper');
    expect((await waitForJob(test, second, ['printed', 'spoiled', 'uncertain'])).state).toBe('printed');
  });

  it('printer-reset: the card is lost; Rlr reports it, and the blank is booked as spoiled', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    const first = await submit(test, 4);
    const second = await submit(test, 5);
    await waitForJob(test, first, ['printing']);
    await test.clock.advance(5_000);
    machineOf(test, 'sbu1-a').trigger('printer-reset');

    const lost = await waitForJob(test, first, ['uncertain', 'printed', 'spoiled']);
    expect(lost).toMatchObject({ state: 'spoiled', spoilReason: 'printer-reset' });
    expect(machineOf(test, 'sbu1-a').lastCard).toMatchObject({ fate: 'reject', spoiledBy: 'printer-reset' });
    expect((await waitForJob(test, second, ['printed', 'spoiled', 'uncertain'])).state).toBe('printed');
  });
});
