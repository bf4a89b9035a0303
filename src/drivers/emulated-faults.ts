/**
 * The faults an emulated printer can be told to have: the vocabulary the emulator
 * (`drivers/emulator/`, whose settings schema validates them) and the simulator (`src/simulator/`,
 * which triggers them) share. Here rather than in the emulator because `src/` reaches `drivers/`
 * only through the registry.
 */

/** Faults of the machine itself. Each spoils the card it strikes, except a bare `cover-open`. */
export const PRINTER_FAULTS = ['chip-error', 'card-jam', 'ribbon-break', 'cover-open'] as const;
/** Faults of the link between host and printer (and `printer-reset`, which the host sees as one). */
export const LINK_FAULTS = ['no-reply', 'slow-reply', 'garbage', 'drop-connection', 'printer-reset'] as const;
export const FAULT_NAMES = [...PRINTER_FAULTS, ...LINK_FAULTS] as const;

export type PrinterFault = (typeof PRINTER_FAULTS)[number];
export type LinkFault = (typeof LINK_FAULTS)[number];
export type FaultName = (typeof FAULT_NAMES)[number];

export function isFaultName(name: string): name is FaultName {
  return (FAULT_NAMES as readonly string[]).includes(name);
}

export function isLinkFault(name: FaultName): name is LinkFault {
  return (LINK_FAULTS as readonly string[]).includes(name);
}
