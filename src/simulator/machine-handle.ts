import type { FaultName } from '../config/emulator-schema.js';
import type { PrinterState, ProblemReason, SpoilReason } from '../drivers/driver.js';
import type { Station } from '../station/station.js';

/**
 * The parts of an emulated machine (`drivers/emulator/machine.ts`) the simulator uses, written out
 * here because `src/` reaches `drivers/` only through the registry. The `emulator-direct` driver
 * exposes its machine as `.machine`.
 */
export interface MachineHandle {
  status(): {
    readonly state: PrinterState;
    readonly problems: readonly ProblemReason[];
    readonly internalC: number;
    readonly rollerC: number;
    readonly counters: {
      readonly feeder: number;
      readonly hopper: number;
      readonly ribbon: number;
      readonly film: number;
    };
  };
  onEvent(listener: (event: MachineEventLike) => void): () => void;
  trigger(fault: FaultName, seconds?: number): void;
  operate(action: OperatorActionName, count?: number): { readonly ok: boolean };
  readonly profile: { readonly capacity: Readonly<Record<'feeder' | 'hopper' | 'ribbon' | 'film', number>> };
}

export type OperatorActionName =
  | 'load-blanks'
  | 'replace-ribbon'
  | 'replace-film'
  | 'empty-hopper'
  | 'close-cover'
  | 'clear-jam';

export interface CardOut {
  readonly number: number;
  readonly fedAtMs: number;
  readonly outAtMs?: number;
  readonly fate?: 'hopper' | 'reject' | 'operator';
  readonly spoiledBy?: SpoilReason;
}

export type MachineEventLike =
  | { readonly type: 'status'; readonly status: { readonly state: PrinterState } }
  | { readonly type: 'card-out'; readonly card: CardOut }
  | { readonly type: 'link-fault' | 'reset' };

/** The emulated machine behind a station; throws if its driver is not `emulator-direct`. */
export function machineOf(station: Station): MachineHandle {
  const machine = (station.driver as { machine?: MachineHandle }).machine;
  if (!machine || typeof machine.onEvent !== 'function' || typeof machine.trigger !== 'function')
    throw new Error(`station ${station.id} has no emulated machine (driver ${station.driverName})`);
  return machine;
}
