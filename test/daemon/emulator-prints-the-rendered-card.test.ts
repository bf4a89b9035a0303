import { afterEach, describe, expect, it } from 'vitest';
import { syntheticPhoto, syntheticSignature } from '../../scripts/synthetic-card-images.js';
import { renderCard } from '../../src/render/render-card.js';
import { machineOf, oneStationFleet } from '../helpers/emulated-station.js';
import { resident, startTestDaemon, type TestDaemon, waitForJob } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

/** Byte-for-byte equality; `toEqual` walks 658 kB panels element by element for seconds. */
const same = (a: Uint8Array | undefined, b: Uint8Array | undefined) =>
  a !== undefined && b !== undefined && Buffer.from(a).equals(Buffer.from(b));

describe('a card printed through the escape-command driver', () => {
  it('reaches the emulator as the panels the renderer made, photo and all', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    const body = resident(51, { photo: syntheticPhoto(51, 'jpeg'), signature: syntheticSignature(51) });
    const submitted = await test.submit(body);
    expect(submitted.status).toBe(201);
    const job = await waitForJob(test, String(submitted.body.id), ['printed', 'spoiled']);
    expect(job.state).toBe('printed');

    // What intake stored (defaults filled in), rendered on the day it printed.
    const card = { ...body, validUntil: 'SEUMUR HIDUP' } as Record<string, string>;
    const expected = renderCard(card, {
      issuedAt: Date.parse(String(job.startedAt)),
      timeZone: 'Asia/Jakarta',
    });
    const received = machineOf(test, 'sbu1-a').lastCard?.panels;
    expect(same(received?.get('k'), expected.k)).toBe(true);
    expect(expected.k.some((byte) => byte !== 0)).toBe(true);
    for (const panel of ['y', 'm', 'c', 'o'] as const)
      expect(same(received?.get(panel), expected[panel])).toBe(true);
  });

  it('is withdrawn, not printed, when its face cannot be made (a layout changed after it was queued)', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    const machine = machineOf(test, 'sbu1-a');
    const blanks = machine.status().counters.feeder;
    // Straight into the store, past intake's check, as a job queued under an older layout would be.
    const wide = { ...resident(52), name: 'MWMWMW '.repeat(11).trim() } as Record<string, string>;
    const stored = test.daemon.jobs.submit(
      { nik: wide.nik as string, kecamatan: 'seberang-ulu-i', priority: 'walk-in', card: wide },
      test.clock.now(),
    );
    if (stored.outcome !== 'created') throw new Error('not stored');
    for (const station of test.daemon.stations) station.wake();
    const job = await waitForJob(test, stored.job.id, ['cancelled', 'printed', 'spoiled']);
    expect(job.state).toBe('cancelled');
    const journal = job.journal as Array<{ to: string; detail: string | null }>;
    expect(journal.at(-1)?.detail).toBe(
      'card face cannot be made: name: too long for its place on the card (2 lines, even at the smallest size)',
    );
    expect(machine.status().counters.feeder).toBe(blanks);
    expect(test.logs.join('\n')).not.toContain('MWMW');
  });
});
