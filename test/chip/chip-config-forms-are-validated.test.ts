import { describe, expect, it } from 'vitest';
import { createChipEncoder } from '../../src/chip/create-chip-encoder.js';
import { VirtualClock } from '../../src/clock/virtual-clock.js';
import { parseConfig } from '../../src/config/load-config.js';
import { CetakError } from '../../src/errors.js';
import { createLogger } from '../../src/log/logger.js';

const withChip = (chip?: unknown) => ({
  kecamatan: [
    {
      id: 'a',
      name: 'Kec a',
      stations: [{ id: 'a-1', driver: 'emulator', ...(chip !== undefined && { chip }) }],
    },
  ],
});
const chipOf = (chip?: unknown) => parseConfig(withChip(chip)).kecamatan[0]?.stations[0]?.chip;

function problems(chip: unknown): readonly string[] {
  try {
    parseConfig(withChip(chip));
  } catch (error) {
    expect(error).toBeInstanceOf(CetakError);
    expect((error as CetakError).code).toBe('CONFIG_INVALID');
    return (error as CetakError).details;
  }
  throw new Error('expected the config to be refused');
}

describe("a station's chip block", () => {
  it('accepts each form, with the documented defaults', () => {
    expect(chipOf()).toEqual({ encoder: 'none' });
    expect(chipOf({ encoder: 'none' })).toEqual({ encoder: 'none' });
    expect(chipOf({ encoder: 'emulated' })).toEqual({ encoder: 'emulated' });
    expect(chipOf({ encoder: 'command', program: '/opt/ktp/write-chip' })).toEqual({
      encoder: 'command',
      program: '/opt/ktp/write-chip',
      args: [],
      timeoutSeconds: 30,
    });
    expect(
      chipOf({
        encoder: 'command',
        program: 'C:\\KTP\\chip.exe',
        args: ['--reader', '0'],
        timeoutSeconds: 12.5,
      }),
    ).toEqual({
      encoder: 'command',
      program: 'C:\\KTP\\chip.exe',
      args: ['--reader', '0'],
      timeoutSeconds: 12.5,
    });
  });

  it('builds the encoder it names', async () => {
    const host = {
      clock: new VirtualClock(),
      log: createLogger({ level: 'silent' }),
      stationId: 'a-1',
      encodeSeconds: 20,
    };
    const none = createChipEncoder({ encoder: 'none' }, host);
    expect(none.kind).toBe('none');
    expect(await none.encode({ jobId: 'j', fields: {} })).toEqual({ ok: true });
    expect(createChipEncoder({ encoder: 'emulated' }, host).kind).toBe('emulated');
    expect(
      createChipEncoder(chipOf({ encoder: 'command', program: '/bin/true' }) ?? { encoder: 'none' }, host)
        .kind,
    ).toBe('command');
  });

  it('refuses a command encoder without a program', () => {
    expect(problems({ encoder: 'command' })).toEqual([
      'kecamatan[0].stations[0].chip.program: is required when encoder is command',
    ]);
    expect(problems({ encoder: 'command', program: '' })).toEqual([
      'kecamatan[0].stations[0].chip.program: must not be empty (got "")',
    ]);
  });

  it('refuses an unknown encoder, naming chip.encoder and the value', () => {
    expect(problems({ encoder: 'nfc-magic' })).toEqual([
      'kecamatan[0].stations[0].chip.encoder: must be one of none, emulated, command (got "nfc-magic")',
    ]);
  });

  it('refuses settings that belong to another encoder', () => {
    expect(problems({ encoder: 'none', timeoutSeconds: 10 })).toEqual([
      'kecamatan[0].stations[0].chip: unknown key "timeoutSeconds"',
    ]);
    expect(problems({ encoder: 'command', program: '/x', timeoutSeconds: 0 })).toEqual([
      expect.stringMatching(/^kecamatan\[0\]\.stations\[0\]\.chip\.timeoutSeconds: .*\(got 0\)$/),
    ]);
  });
});
