import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/virtual-clock.js';
import { DRIVER_NAMES, isDriverName, loadDriver, takesOptions } from '../../src/drivers/registry.js';
import { isCetakError } from '../../src/errors.js';
import { driverContext } from '../helpers/driver-context.js';

describe('driver registry', () => {
  it('lists emulator among the known drivers', () => {
    expect(DRIVER_NAMES).toContain('emulator');
    expect(isDriverName('emulator')).toBe(true);
    expect(isDriverName('evolsi')).toBe(false);
    // Inherited object keys are not drivers.
    expect(isDriverName('toString')).toBe(false);
  });

  it('assembles the emulator driver: the protocol driver over a link to an emulated machine', async () => {
    const factory = await loadDriver('emulator');
    expect(factory).toBeTypeOf('function');
    const driver = factory(driverContext({ clock: new VirtualClock() }));
    try {
      // The protocol driver's traits (it prints rendered panels, counts its link's traffic) and
      // the emulator's machine, from two drivers that never import each other.
      expect(driver.printsPanels).toBe(true);
      expect(driver.linkStats?.()).toEqual({ messages: 0, timeouts: 0 });
      expect((driver as unknown as { machine?: { serial?: unknown } }).machine?.serial).toBe('EMU-x');
    } finally {
      await driver.close();
    }
  });

  it("gives the emulator's options block only to the emulator drivers", () => {
    expect(takesOptions('emulator', 'emulator')).toBe(true);
    expect(takesOptions('emulator-direct', 'emulator')).toBe(true);
    expect(takesOptions('evolis', 'emulator')).toBe(false);
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
