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

// The guide's bitmap (A5013 section 2) is 1016 lines of 648 dots; line L is the card's column L
// and dot d of a line the card's row 647 − d (the vendor's and the Perl driver's orientation).
// Written here from that statement, not with the driver's own conversion.
const dotOfCard = (x: number, y: number) => x * 648 + (647 - y);

/** A 1-bit guide bitmap (81 bytes a line) as card rows of 127 bytes. */
function monoToCard(guide: Uint8Array): Uint8Array {
  const card = new Uint8Array(127 * 648);
  for (let y = 0; y < 648; y++)
    for (let x = 0; x < 1016; x++) {
      const dot = dotOfCard(x, y);
      if ((guide[dot >> 3] as number) & (0x80 >> (dot & 7))) {
        const at = y * 127 + (x >> 3);
        card[at] = (card[at] as number) | (0x80 >> (x & 7));
      }
    }
  return card;
}

/** Guide levels (0 = no ink) as the card's 0–255 ink, each dot rounded to the nearest level. */
function levelsMatchInk(levels: Uint8Array, resolution: number, ink: Uint8Array): boolean {
  const top = resolution - 1;
  for (let y = 0; y < 648; y++)
    for (let x = 0; x < 1016; x++) {
      const expected = Math.round(((ink[y * 1016 + x] as number) * top) / 255);
      if (levels[dotOfCard(x, y)] !== expected) return false;
    }
  return true;
}

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
    for (const panel of ['k', 'o'] as const) {
      const bitmap = received?.get(panel);
      expect(bitmap?.kind).toBe('mono');
      if (bitmap?.kind === 'mono') expect(same(monoToCard(bitmap.lines), expected[panel])).toBe(true);
    }
    expect(expected.k.some((byte) => byte !== 0)).toBe(true);
    for (const panel of ['y', 'm', 'c'] as const) {
      const bitmap = received?.get(panel);
      const ink = expected[panel];
      expect(bitmap?.kind).toBe('levels');
      if (bitmap?.kind === 'levels' && ink)
        expect(levelsMatchInk(bitmap.levels(), bitmap.resolution, ink)).toBe(true);
    }
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
