import type { ChipEncoder } from '../chip/chip-encoder.js';
import type { ByteLink, LinkOpener } from '../transport/transport.js';
import type { DriverContext, LinkStats, PrinterDriver, PrinterFix } from './driver.js';

/**
 * The two halves of the `emulator` driver, which the registry joins over an in-memory byte link
 * (`emulated-station.ts`) so that neither driver imports the other: the emulator plays the
 * printer, the protocol driver is the one a real printer gets.
 */

/** An emulated printer in this process: the emulator's half (`drivers/emulator/`). */
export interface EmulatedPrinter {
  /** The machine itself, for tests, operator training and the simulator (`machineOf`). */
  readonly machine: object;
  /** The printer's serial number, for a chip encoder that names the printer. */
  serial(): string;
  /** The machine's own contactless station, for `chip.encoder: emulated`. */
  readonly chipEncoder: ChipEncoder;
  /** Answers the printer's protocol on `link`, the printer's end of a fresh connection. */
  serve(link: ByteLink): void;
  /** Performs an operator's action on the machine, as their hands would at a real printer. */
  operatorDid(action: PrinterFix, count?: number): void;
  /** Stops the machine's timers and anything writing its cards out. */
  dispose(): void;
}

export type EmulatedPrinterFactory = (context: DriverContext) => EmulatedPrinter;

/** A protocol driver as the emulated station needs one: it keeps link statistics and reads the card counter. */
export type ProtocolDriver = PrinterDriver & {
  linkStats(): LinkStats;
  cardCounter(): Promise<number | undefined>;
};

/** The protocol driver's half (`drivers/evolis/`): a driver over whatever link `openLink` gives. */
export type ProtocolDriverFactory = (
  context: DriverContext,
  openLink: LinkOpener,
  encoder: ChipEncoder,
) => ProtocolDriver;
