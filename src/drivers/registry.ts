import { emulatorSchema } from '../../drivers/emulator/emulator-schema.js';
import { CetakError } from '../errors.js';
import type { DriverFactory } from './driver.js';
import { EmulatedStation } from './emulated-station.js';
import type { IdentityCheck } from './identity-check.js';

/**
 * The station blocks that hold a driver's own options, each with the schema its driver gives. The
 * config schema (`src/config/schema.ts`) takes them from here, so it never imports a driver. A
 * schema is plain zod: loading it does not load the driver.
 */
export const DRIVER_OPTION_BLOCKS = { emulator: emulatorSchema } as const;

export type DriverOptionBlock = keyof typeof DRIVER_OPTION_BLOCKS;

interface RegistryEntry {
  /** True when the driver talks to a physical printer, where time cannot be sped up. */
  readonly hardware: boolean;
  /** The station block holding this driver's own options, if it takes one. */
  readonly options?: DriverOptionBlock;
  readonly load: () => Promise<{ default: DriverFactory; checkIdentity?: IdentityCheck }>;
}

/**
 * The one place that knows which drivers exist. Each is imported lazily, so a daemon that drives
 * only real printers never loads the emulator. Drivers never import each other: where one is made
 * of two (`emulator`), they are joined here.
 */
const drivers = {
  /** A real printer speaking the Evolis escape-command protocol (A5013) on the station's `port`. */
  evolis: { hardware: true, load: () => import('../../drivers/evolis/index.js') },
  /** The emulator behind the same protocol driver, over an in-memory link: the default fleet. */
  emulator: { hardware: false, options: 'emulator', load: loadEmulatedStation },
  /** The emulator without the wire protocol, for fast simulation. */
  'emulator-direct': {
    hardware: false,
    options: 'emulator',
    load: () => import('../../drivers/emulator/direct.js'),
  },
} as const satisfies Record<string, RegistryEntry>;

async function loadEmulatedStation(): Promise<{ default: DriverFactory }> {
  const [{ protocolDriver }, { emulatedPrinter }] = await Promise.all([
    import('../../drivers/evolis/index.js'),
    import('../../drivers/emulator/emulated-printer.js'),
  ]);
  return { default: (context) => new EmulatedStation(context, emulatedPrinter(context), protocolDriver) };
}

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

/** Whether the driver takes the station block `block` (`emulator:`) as its own options. */
export function takesOptions(name: DriverName, block: DriverOptionBlock): boolean {
  const entry: RegistryEntry = drivers[name];
  return entry.options === block;
}

export async function loadDriver(name: string): Promise<DriverFactory> {
  if (!isDriverName(name)) throw new CetakError('CONFIG_INVALID', unknownDriverMessage(name));
  const module = await drivers[name].load();
  return module.default;
}

/** The driver's own proof that its kind of printer is on a port (`cetak doctor`), if it has one. */
export async function loadIdentityCheck(name: string): Promise<IdentityCheck | undefined> {
  if (!isDriverName(name)) throw new CetakError('CONFIG_INVALID', unknownDriverMessage(name));
  const entry: RegistryEntry = drivers[name];
  return (await entry.load()).checkIdentity;
}
