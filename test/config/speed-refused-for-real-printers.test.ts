import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { assertSpeedAllowed } from '../../src/config/speed-check.js';
import { isCetakError } from '../../src/errors.js';

// Only `emulator` exists so far, so pretend drivers are hardware when a test says so.
const hardware = vi.hoisted(() => ({ drivers: new Set<string>() }));

vi.mock('../../src/drivers/registry.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/drivers/registry.js')>();
  return {
    ...original,
    isHardwareDriver: (name: string) =>
      hardware.drivers.has(name) || original.isHardwareDriver(name as 'emulator'),
  };
});

afterEach(() => hardware.drivers.clear());

const config = parseConfig({
  kecamatan: [
    { id: 'seberang-ulu-i', name: 'Seberang Ulu I', stations: [{ id: 'sbu1-a', driver: 'emulator' }] },
    { id: 'ilir-barat-i', name: 'Ilir Barat I', stations: [{ id: 'ib1-a', driver: 'emulator' }] },
  ],
});

function speedError(speed: number): unknown {
  try {
    assertSpeedAllowed(config, speed);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('assertSpeedAllowed', () => {
  it('allows speed 1 and sped-up time when every station is emulated', () => {
    expect(speedError(1)).toBeUndefined();
    expect(speedError(60)).toBeUndefined();
    expect(speedError(0.5)).toBeUndefined();
  });

  it('allows speed 1 even when a station drives a real printer', () => {
    hardware.drivers.add('emulator');
    expect(speedError(1)).toBeUndefined();
  });

  it('refuses sped-up time for a real printer, naming the station and its driver', () => {
    hardware.drivers.add('emulator');
    const error = speedError(60);
    expect(isCetakError(error, 'SPEED_NOT_ALLOWED')).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('"sbu1-a"');
    expect(message).toContain('"emulator"');
    expect(message).toContain('--speed 60');
  });
});
