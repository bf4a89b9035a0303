import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createMachine } from '../../drivers/emulator/create-machine.js';
import { emulatorSchema } from '../../drivers/emulator/emulator-schema.js';
import { VirtualClock } from '../../src/clock/virtual-clock.js';
import { problemLines, toFieldProblems } from '../../src/util/zod-issues.js';
import { profile, START } from './emulator-scene.js';

const problems = (raw: unknown) => {
  const result = emulatorSchema.safeParse(raw);
  return result.success ? [] : problemLines(toFieldProblems(result.error, raw));
};

describe('the emulator: config block', () => {
  it('defaults to the guide alone, CR replies, seed 1, full stock, no faults', () => {
    expect(emulatorSchema.parse({})).toEqual({
      extensions: false,
      replies: 'cr',
      seed: 1,
      stock: {},
      faults: [],
    });
  });

  it('takes the reply form, extensions and a cards folder, and names a bad reply form', () => {
    expect(emulatorSchema.parse({ replies: 'ack-nack', extensions: true, cardsDir: 'out' })).toMatchObject({
      replies: 'ack-nack',
      extensions: true,
      cardsDir: 'out',
    });
    expect(problems({ replies: 'lf' }).find((l) => l.startsWith('replies'))).toContain('ack-nack');
    expect(problems({ cardsDir: '' }).find((l) => l.startsWith('cardsDir'))).toBeDefined();
  });

  it('needs exactly one trigger per fault', () => {
    expect(problems({ faults: [{ fault: 'card-jam' }] })).toEqual([
      'faults[0]: needs one of at, afterSeconds, atCard, probability to say when it strikes',
    ]);
    expect(problems({ faults: [{ fault: 'card-jam', atCard: 3, probability: 0.1 }] })).toEqual([
      'faults[0]: give only one of atCard, probability',
    ]);
  });

  it('names bad fields, unknown faults and unknown ambient profiles with what is known', () => {
    const lines = problems({
      ambient: 'jakarta-cold',
      stock: { feeder: -1 },
      faults: [
        { fault: 'meteor', atCard: 1 },
        { fault: 'garbage', at: '25:00' },
        { fault: 'no-reply', probability: 2 },
      ],
      colour: 'red',
    });
    expect(lines).toContain('ambient: unknown ambient profile "jakarta-cold" (known: palembang-hot-day)');
    expect(lines.find((l) => l.startsWith('faults[0].fault'))).toContain('card-jam');
    expect(lines).toContain('faults[1].at: must be a local time HH:MM (00:00–23:59) (got "25:00")');
    expect(lines.find((l) => l.startsWith('faults[2].probability'))).toBeDefined();
    expect(lines.find((l) => l.startsWith('stock.feeder'))).toBeDefined();
    expect(lines).toContain('top level: unknown key "colour"');
  });

  it('builds a machine from the block: room, start temperature and stock', () => {
    const clock = new VirtualClock(START);
    const machine = createMachine({
      clock,
      profile,
      serial: 'EMU9',
      log: pino({ level: 'silent' }),
      config: { ambient: 'palembang-hot-day', stock: { feeder: 3, hopperUsed: 10 } },
    });
    // 07:00 WIB on the hot-day curve: 25.2 °C, and the printer starts at the room's temperature.
    expect(machine.status().internalC).toBeCloseTo(25.2, 6);
    expect(machine.status().counters).toMatchObject({ feeder: 3, hopper: 90 });
    const warm = createMachine({ clock, profile, serial: 'EMU9', config: { initialC: 40 }, siteAmbient: 28 });
    expect(warm.status()).toMatchObject({ internalC: 40, rollerC: 40 });
    const nul = createMachine({ clock, profile, serial: 'EMU9', config: { replies: 'nul' } });
    expect(nul.wire.replyStyle).toBe('nul');
    expect(() => createMachine({ clock, profile, serial: 'X', config: { seed: 'one' } })).toThrow();
  });
});
