import type { ChipEncoder } from '../chip/chip-encoder.js';
import { createChipEncoder } from '../chip/create-chip-encoder.js';
import { memoryLinkPair } from '../transport/memory-link.js';
import type {
  CardToPrint,
  DriverContext,
  LinkStats,
  PrinterDriver,
  PrinterFix,
  PrinterIdentity,
  PrinterStatus,
  PrintOutcome,
  StatusListener,
} from './driver.js';
import type { EmulatedPrinter, ProtocolDriver, ProtocolDriverFactory } from './emulated-printer.js';

/**
 * The `emulator` driver: Cetak's protocol driver talking, over an in-memory byte link, to an
 * emulated printer in this process. The default fleet runs exactly the code a real printer gets;
 * only the transport differs. The registry hands it both halves, so the emulator and the protocol
 * driver know each other only through `drivers/evolis/protocol/`.
 */
export class EmulatedStation implements PrinterDriver {
  readonly printsPanels: boolean | undefined;
  /** The emulated printer itself, for tests and operator training. */
  readonly machine: object;
  readonly #printer: EmulatedPrinter;
  readonly #driver: ProtocolDriver;

  constructor(context: DriverContext, printer: EmulatedPrinter, protocolDriver: ProtocolDriverFactory) {
    this.#printer = printer;
    this.machine = printer.machine;
    const openLink = async () => {
      // A fresh pair per connection, as a re-plugged cable would give.
      const [host, printerEnd] = memoryLinkPair(`memory:${context.station.id}`);
      printer.serve(printerEnd);
      return host;
    };
    this.#driver = protocolDriver(context, openLink, encoderFor(context, printer));
    this.printsPanels = this.#driver.printsPanels;
  }

  connect(): Promise<PrinterIdentity> {
    return this.#driver.connect();
  }

  async close(): Promise<void> {
    await this.#driver.close();
    this.#printer.dispose();
  }

  status(): PrinterStatus {
    return this.#driver.status();
  }

  warmUp(signal?: AbortSignal): Promise<void> {
    return this.#driver.warmUp(signal);
  }

  standby(): Promise<void> {
    return this.#driver.standby();
  }

  printCard(card: CardToPrint, signal?: AbortSignal): Promise<PrintOutcome> {
    return this.#driver.printCard(card, signal);
  }

  onStatus(listener: StatusListener): () => void {
    return this.#driver.onStatus(listener);
  }

  /** The action is done at the machine first, so the status the driver then re-reads shows it. */
  async operatorDid(action: PrinterFix, count?: number): Promise<void> {
    this.#printer.operatorDid(action, count);
    await this.#driver.operatorDid(action, count);
  }

  linkStats(): LinkStats {
    return this.#driver.linkStats();
  }

  cardCounter(): Promise<number | undefined> {
    return this.#driver.cardCounter();
  }
}

function encoderFor(context: DriverContext, printer: EmulatedPrinter): ChipEncoder {
  const chip = context.station.chip ?? { encoder: 'none' };
  if (chip.encoder === 'emulated') return printer.chipEncoder;
  return createChipEncoder(chip, {
    clock: context.clock,
    log: context.log,
    stationId: context.station.id,
    printerSerial: () => printer.serial(),
    encodeSeconds: context.profile.encodeSeconds,
  });
}
