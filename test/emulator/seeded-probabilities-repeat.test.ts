import { describe, expect, it } from 'vitest';
import type { Fault } from '../../drivers/emulator/emulator-schema.js';
import { createPrng, unitFrom } from '../../src/util/prng.js';
import { cardCycle, machineScene, protocolScene, warm } from './emulator-scene.js';

const PRINTER_FAULTS: Fault[] = [
  { fault: 'chip-error', probability: 0.2 },
  { fault: 'card-jam', probability: 0.1 },
  { fault: 'ribbon-break', probability: 0.05 },
];

/** Which cards were spoiled, and how, in 30 cards with the operator clearing up after each. */
async function spoiledCards(seed: number): Promise<string[]> {
  const scene = machineScene({ seed, faults: PRINTER_FAULTS });
  await warm(scene);
  const spoiled: string[] = [];
  for (let i = 0; i < 30; i++) {
    await cardCycle(scene);
    const last = scene.machine.card ?? scene.machine.lastCard;
    if (last?.spoiledBy) spoiled.push(`${last.number}:${last.spoiledBy}`);
    scene.machine.operate('clear-jam');
    scene.machine.operate('replace-ribbon');
  }
  return spoiled;
}

/** The exact bytes a host receives for 40 `Rsn` with random line noise. */
async function noisyReplies(seed: number): Promise<string> {
  const { client } = protocolScene({ seed, faults: [{ fault: 'garbage', probability: 0.3 }] });
  for (let i = 0; i < 40; i++) await client.request('Rsn');
  return client.lines.join('\r');
}

describe('seeded randomness repeats', () => {
  it('the same seed spoils the same cards the same way; another seed differently', async () => {
    const first = await spoiledCards(7);
    expect(first.length).toBeGreaterThan(2);
    expect(await spoiledCards(7)).toEqual(first);
    expect(await spoiledCards(8)).not.toEqual(first);
  });

  it('the same seed sends the same line noise, byte for byte', async () => {
    const first = await noisyReplies(11);
    expect(first.split('\r').filter((line) => line === 'EMU0001')).toHaveLength(40);
    expect(first.split('\r').length).toBeGreaterThan(45);
    expect(await noisyReplies(11)).toBe(first);
    expect(await noisyReplies(12)).not.toBe(first);
  });

  it('the PRNG is a pure function of its seed', () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const draws = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(draws);
    for (const x of draws) expect(x >= 0 && x < 1).toBe(true);
    expect(unitFrom(1, 2, 3)).toBe(unitFrom(1, 2, 3));
    expect(unitFrom(1, 2, 3)).not.toBe(unitFrom(1, 2, 4));
  });
});
