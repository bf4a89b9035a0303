import type { Clock } from '../clock/clock.js';
import type { StationConfig } from '../config/schema.js';
import type { PrinterDriver, PrinterState } from '../drivers/driver.js';
import type { Logger } from '../log/logger.js';
import type { CardWork } from '../render/card-work.js';
import type { Pacer } from '../scheduler/pacing.js';
import type { PrinterModel } from '../scheduler/printer-model.js';
import type { Hours } from '../scheduler/service-hours.js';
import type { WalkInRate } from '../scheduler/walk-in-rate.js';
import type { JobStore } from '../store/job-store.js';

/** A station's state: the printer's own, or why the daemon cannot reach it. */
export type StationState = PrinterState | 'connecting' | 'offline' | 'stopped';

/** Printer states in which no card can be started, whatever the queue holds. */
export const UNAVAILABLE: ReadonlySet<StationState> = new Set([
  'off',
  'overheated',
  'offline',
  'connecting',
  'stopped',
]);

export interface StationOptions {
  readonly config: StationConfig;
  /** The kecamatan this station belongs to. */
  readonly kecamatan: string;
  /** Kecamatan whose residents' cards this station prints: its own and those routed to it. */
  readonly serves: readonly string[];
  readonly driverName: string;
  readonly driver: PrinterDriver;
  readonly store: JobStore;
  readonly clock: Clock;
  readonly log: Logger;
  readonly timeZone: string;
  /** When the next card may start (the scheduling policy). */
  readonly pacer: Pacer;
  /** The running estimate of the printer's temperatures, fed with its status reports. */
  readonly model: PrinterModel;
  readonly hours: Hours;
  /** How long before opening this printer's heater starts (its warm-up and its place in the stagger). */
  readonly warmLeadMs: () => number;
  readonly walkIns: WalkInRate;
  /** Renders a card's face for a driver that prints panels (the daemon's card-work threads). */
  readonly render: CardWork['render'];
}
