import type { PrinterFix, PrinterStatus } from '../drivers/driver.js';
import type { BeliefSummary } from '../thermal/belief/thermal-belief.js';
import type { StationForecast } from './forecast.js';
import type { StationChange, StationSnapshot } from './station-snapshot.js';

export type { StationForecast } from './forecast.js';
export type { StationChange, StationSnapshot } from './station-snapshot.js';

/**
 * A station as views see it (status, events, metrics, dashboard feed, simulator reports): its
 * identity, its snapshot and its changes. Views depend on this and on the snapshot, never on the
 * `Station` class, so the station's insides can change without touching them.
 */
export interface StationView {
  readonly id: string;
  readonly kecamatan: string;
  /** Kecamatan whose residents' cards it prints: its own and those routed to it. */
  readonly serves: readonly string[];
  /** The job whose card is in the printer: cheap to read on every change, unlike a snapshot. */
  readonly currentJobId: string | undefined;
  /** The station now, every derived fact computed once (`station-snapshot.ts`). */
  snapshot(nowMs?: number): StationSnapshot;
  /** Called whenever what the snapshot shows may have changed (but not for every temperature). */
  onChange(listener: (change: StationChange) => void): () => void;
  /** Every report the printer sends (temperatures, consumables), as it comes. */
  onPrinterReport(listener: (status: PrinterStatus) => void): () => void;
  /** When it is ready and how many cards it will have printed by closing, with this share of the queue. */
  forecast(nowMs: number, printedToday: number, queueShare: number): StationForecast;
  /** When each of `count` queued walk-ins (in order) would come out of it. */
  walkInEtas(nowMs: number, count: number): number[];
  /** What is believed of its printer's thermal figures now, with bands and the evidence behind them. */
  belief(): BeliefSummary;
}

/** What operators and the daemon's services do to a station, beside viewing it. */
export interface StationHandle extends StationView {
  pause(): void;
  resume(): void;
  warm(): void;
  standby(): Promise<void>;
  /** An operator fixed or refilled something at the printer; it is re-read and goes on if it can. */
  operatorDid(fix: PrinterFix, count?: number): Promise<void>;
  /** A walk-in arrived for it (its arrival rate sets how much room the pacing keeps). */
  noteWalkIn(createdAtMs: number): void;
  /** Tells it there may be new work. */
  wake(): void;
  /** The printer's own count of cards fed, where its driver can read one (else undefined). */
  readCardCounter(): Promise<number | undefined> | undefined;
}
