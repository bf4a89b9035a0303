import { describe, expect, it } from 'vitest';
import emulator from '../../drivers/emulated-evolis/index.js';
import { DRIVER_NAMES, isDriverName, loadDriver } from '../../src/drivers/registry.js';
import { isCetakError } from '../../src/errors.js';

describe('driver registry', () => {
  it('lists emulator among the known drivers', () => {
    expect(DRIVER_NAMES).toContain('emulator');
    expect(isDriverName('emulator')).toBe(true);
    expect(isDriverName('evolsi')).toBe(false);
    // Inherited object keys are not drivers.
    expect(isDriverName('toString')).toBe(false);
  });

  it('loads the emulator factory', async () => {
    const factory = await loadDriver('emulator');
    expect(factory).toBeTypeOf('function');
    expect(factory).toBe(emulator);
  });

  it('refuses an unknown driver, listing every known one', async () => {
    const error = await loadDriver('evolsi').catch((e: unknown) => e);
    expect(isCetakError(error, 'CONFIG_INVALID')).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('"evolsi"');
    for (const name of DRIVER_NAMES) expect(message).toContain(name);
    expect(message).toBe(`unknown driver "evolsi" (known: ${DRIVER_NAMES.join(', ')})`);
  });
});
