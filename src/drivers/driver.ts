import type { Logger } from 'pino';
import type { Clock } from '../clock/clock.js';
import type { ChipConfig } from '../config/chip-schema.js';
import type { LinkConfig } from '../config/link-schema.js';
import type { ProfileConfig } from '../config/profile-schema.js';
import type { AmbientSpec } from '../thermal/ambient.js';

/**
 * The driver contract: everything the daemon needs from a card printer, whatever the model, the
 * wire protocol or the transport. Implementations live in `drivers/<name>/` and are reached only
 * through the registry (`src/drivers/registry.ts`).
 */

/** What the printer is doing, as far as the host can tell. */
export type PrinterState =
  | 'off' // powered off or not answering
  | 'standby' // on, roller heater off
  | 'warming' // heater on, roller not yet in its printing band
  | 'ready' // can take a card now
  | 'printing' // a card is in the machine
  | 'overheated'; // shut itself off to cool; cannot print until it has

/** Reasons a printer cannot print that need someone (or something) to act. They can stack. */
export type ProblemReason =
  | 'ribbon-out'
  | 'film-out'
  | 'feeder-empty'
  | 'hopper-full'
  | 'cover-open'
  | 'card-jam'
  | 'chip-error'
  | 'link-lost';

/**
 * Problems that stop a printer taking a card until someone acts. A chip error is per card and
 * clears itself at the next card, so it does not block.
 */
export function isBlockingProblem(problem: ProblemReason): boolean {
  return problem !== 'chip-error';
}

export interface Consumables {
  /** Cards left on the colour ribbon. */
  ribbonRemaining?: number;
  /** Cards left on the retransfer film. */
  filmRemaining?: number;
  /** Blank cards in the feeder. */
  blanksRemaining?: number;
  /** Free slots in the output hopper. */
  hopperSpace?: number;
}

/** A point-in-time view of a printer. Fields the printer cannot report are left out. */
export interface PrinterStatus {
  readonly state: PrinterState;
  readonly problems: readonly ProblemReason[];
  readonly temperatures: { readonly internalC?: number; readonly rollerC?: number };
  readonly consumables: Consumables;
}

/** What the driver learned about the printer when it connected. */
export interface PrinterIdentity {
  readonly model: string;
  readonly serial: string;
  readonly firmware: string;
}

/**
 * A card face as printer panels, 1016 × 648 dots (CR80 at 300 dpi), rendered by the daemon
 * (`src/render/`). `k` (black) and `o` (overlay) are 1 bit a dot, rows of 127 bytes, most
 * significant bit first, 1 = print; `y`, `m`, `c` are 1 byte a dot, 0 = no ink. An absent panel
 * prints nothing.
 */
export interface RenderedPanels {
  readonly k: Uint8Array;
  readonly o?: Uint8Array;
  readonly y?: Uint8Array;
  readonly m?: Uint8Array;
  readonly c?: Uint8Array;
  /** What the layout asks the printer to set for this card; absent: the printer's own. */
  readonly settings?: PrintSettings;
}

/**
 * Printer settings a card layout asks for, 0–20 (factory 10): contrast per panel and luminosity
 * per colour (the Evolis guide's `Pc` and `Pl`).
 */
export interface PrintSettings {
  readonly contrast?: Partial<Record<'y' | 'm' | 'c' | 'k' | 'o', number>>;
  readonly luminosity?: Partial<Record<'y' | 'm' | 'c', number>>;
}

/**
 * One card's data as the driver sees it. Personal data: drivers must never log it.
 * `fields` holds the printed text by job field name; `panels` the face to print, given to a
 * driver that says it `printsPanels`.
 */
export interface CardToPrint {
  readonly jobId: string;
  readonly fields: Readonly<Record<string, string | undefined>>;
  readonly panels?: RenderedPanels;
}

/** Why a blank was spoiled. */
export type SpoilReason =
  | 'overheat' // the printer shut itself off mid-card
  | 'card-jam'
  | 'chip-error' // the chip could not be personalised
  | 'ribbon-break'
  | 'printer-reset' // the printer restarted with the card inside
  | 'printer-error'; // any other refusal after the blank was fed

/**
 * How a print ended.
 * - `printed`: a good card; `chipUid` is absent only when the printer cannot read it back.
 * - `spoiled`: a blank was used up; the reason says why.
 * - `not-started`: the printer refused before feeding a blank (problem, not ready): no blank used,
 *   so the job goes back to the queue.
 */
export type PrintOutcome =
  | { readonly result: 'printed'; readonly chipUid?: string }
  | {
      readonly result: 'spoiled';
      readonly reason: SpoilReason;
      readonly chipUid?: string;
      /** Operator-facing why (`encoder exited with code 3`), kept in the job's journal. Never personal data. */
      readonly detail?: string;
    }
  | { readonly result: 'not-started'; readonly reason: string };

export type StatusListener = (status: PrinterStatus) => void;

/**
 * Something an operator fixed or refilled at the printer and reported through the status port (the
 * `at-printer` member of `OperatorAction`, `src/operations/operator-action.ts`). A real printer only
 * needs its status re-read; an emulated one also has it done to it, so training and tests go
 * through the same buttons as the counter.
 */
export type PrinterFix =
  | 'blanks-loaded'
  | 'ribbon-replaced'
  | 'film-replaced'
  | 'hopper-emptied'
  | 'jam-cleared'
  | 'cover-closed';

export const PRINTER_FIXES: readonly PrinterFix[] = [
  'blanks-loaded',
  'ribbon-replaced',
  'film-replaced',
  'hopper-emptied',
  'jam-cleared',
  'cover-closed',
];

/**
 * Traffic on a driver's link to its printer since the driver was created, kept across reconnects
 * (counters only ever grow), for the metrics.
 */
export interface LinkStats {
  /** Commands sent to the printer (each one waits for a reply). */
  readonly messages: number;
  /** Commands that got no reply within their timeout. */
  readonly timeouts: number;
}

/**
 * The parts of a station's config a driver reads; a validated `StationConfig` has them all. Written
 * out here rather than taken from `src/config/schema.ts`, which lists the drivers (through the
 * registry) and so cannot also be what drivers are defined by.
 */
export interface DriverStation {
  readonly id: string;
  /** Where the printer is attached, for drivers of real printers. */
  readonly port?: string | undefined;
  readonly link: LinkConfig;
  readonly chip: ChipConfig;
  /**
   * The emulator's options block, validated by the schema the registry lists for it
   * (`DRIVER_OPTION_BLOCKS`); the driver that takes it parses it with that schema to type it.
   */
  readonly emulator?: unknown;
}

/** Host services handed to a driver; drivers reach for nothing global. */
export interface DriverContext {
  readonly clock: Clock;
  readonly log: Logger;
  readonly station: DriverStation;
  readonly profile: ProfileConfig;
  /** The site's time zone and the room temperature it plans with (an emulator's default room). */
  readonly site: { readonly timeZone: string; readonly ambient: AmbientSpec };
}

export interface PrinterDriver {
  /**
   * True when the printer prints bitmaps the daemon renders (`CardToPrint.panels`). A driver that
   * only models a printer's timing leaves it out, and no card face is rendered for it.
   */
  readonly printsPanels?: boolean;
  /** Opens the link and learns who is on the other end. */
  connect(): Promise<PrinterIdentity>;
  /** Closes the link. A card in progress is not waited for; call it after the station drained. */
  close(): Promise<void>;
  /** The current status. */
  status(): PrinterStatus;
  /** Switches the roller heater on and resolves once the printer is `ready`. */
  warmUp(signal?: AbortSignal): Promise<void>;
  /** Switches the roller heater off. */
  standby(): Promise<void>;
  /**
   * Prints one card. Resolves with the outcome; rejects only when the outcome is unknown (the link
   * failed with the card inside), so the caller must not reprint it by itself.
   */
  printCard(card: CardToPrint, signal?: AbortSignal): Promise<PrintOutcome>;
  /** Subscribes to status changes; returns the function that unsubscribes. */
  onStatus(listener: StatusListener): () => void;
  /**
   * An operator says they acted at the printer (`count`: blanks loaded). Resolves once the status
   * has been re-read, so a cleared problem is seen at once rather than at the next poll.
   */
  operatorDid(action: PrinterFix, count?: number): Promise<void>;
  /**
   * Optional: what went over the printer link so far (see {@link LinkStats}). Drivers with a link
   * implement it; one driving an in-process machine directly has no link and leaves it out.
   */
  linkStats?(): LinkStats;
  /**
   * Optional: the printer's own count of cards it has taken from its feeder, ever (the guide's
   * `Rco;c`); undefined when it cannot say. Stock reconciliation compares its growth with the
   * blanks Cetak booked.
   */
  cardCounter?(): Promise<number | undefined>;
}

/** What every `drivers/<name>/index.ts` default-exports. */
export type DriverFactory = (context: DriverContext) => PrinterDriver;
