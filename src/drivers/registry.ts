import { CetakError } from '../errors.js';
import type { DriverFactory } from './driver.js';
import type { IdentityCheck } from './identity-check.js';

interface RegistryEntry {
  /** True when the driver talks to a physical printer, where time cannot be sped up. */
  readonly hardware: boolean;
  readonly load: () => Promise<{ default: DriverFactory; checkIdentity?: IdentityCheck }>;
}

/**
 * The one place that knows which drivers exist. Each is imported lazily, so a daemon that drives
 * only real printers never loads the emulator.
 */
const drivers = {
  /** A real printer speaking the Evolis escape-command protocol (A5013) on the station's `port`. */
  evolis: { hardware: true, load: () => import('../../drivers/evolis/index.js') },
  /** The emulator behind the same protocol driver, over an in-memory link: the default fleet. */
  emulator: { hardware: false, load: () => import('../../drivers/emulated-evolis/index.js') },
  /** The emulator without the wire protocol, for fast simulation. */
  'emulator-direct': { hardware: false, load: () => import('../../drivers/emulator/direct.js') },
} as const satisfies Record<string, RegistryEntry>;

export type DriverName = keyof typeof drivers;

export const DRIVER_NAMES = Object.keys(drivers) as readonly DriverName[];

export function isDriverName(name: string): name is DriverName {
  return Object.hasOwn(drivers, name);
}

export function unknownDriverMessage(name: string): string {
  return `unknown driver "${name}" (known: ${DRIVER_NAMES.join(', ')})`;
}

export function isHardwareDriver(name: DriverName): boolean {
  return drivers[name].hardware;
}

export async function loadDriver(name: string): Promise<DriverFactory> {
  if (!isDriverName(name)) throw new CetakError('CONFIG_INVALID', unknownDriverMessage(name));
  const module = await drivers[name].load();
  return module.default;
}

/** The driver's own proof that its kind of printer is on a port (`cetak doctor`), if it has one. */
export async function loadIdentityCheck(name: string): Promise<IdentityCheck | undefined> {
  if (!isDriverName(name)) throw new CetakError('CONFIG_INVALID', unknownDriverMessage(name));
  const module = await drivers[name].load();
  return 'checkIdentity' in module ? module.checkIdentity : undefined;
}
