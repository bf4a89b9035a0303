import type { PrinterState, ProblemReason, SpoilReason } from '../drivers/driver.js';
import type { FaultName } from '../drivers/emulated-faults.js';

/** A link fault the machine rolled for one of its replies (`drivers/emulator/fault-plan.ts`). */
export interface ReplyStrike {
  readonly fault: FaultName;
  readonly seconds?: number;
}

/**
 * The parts of an emulated machine (`drivers/emulator/machine.ts`) the simulator uses, written out
 * here because `src/` reaches `drivers/` only through the registry. Both emulator drivers expose
 * their machine as `.machine`: `emulator-direct` and `emulator` (the protocol driver joined to
 * the machine by the registry, `src/drivers/emulated-station.ts`; the machine outlives every
 * reconnect).
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
  /** The card inside, if any. */
  readonly card: CardOut | undefined;
  onEvent(listener: (event: MachineEventLike) => void): () => void;
  /**
   * Rolls the per-reply link faults for the next reply (the protocol server asks before each).
   * Writable so the simulator can count what was rolled: the machine applies these inside its
   * protocol server and emits no event for them.
   */
  replyFaults: () => ReplyStrike[];
  trigger(fault: FaultName, seconds?: number): void;
  operate(action: MachineButton, count?: number): { readonly ok: boolean };
  readonly profile: { readonly capacity: Readonly<Record<'feeder' | 'hopper' | 'ribbon' | 'film', number>> };
}

export type MachineButton =
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
  readonly chipUid?: string;
}

export type MachineEventLike =
  | { readonly type: 'status'; readonly status: { readonly state: PrinterState } }
  | { readonly type: 'card-out'; readonly card: CardOut }
  | { readonly type: 'link-fault' | 'reset' };

/** The emulated machine behind a station; throws if its driver is not an emulator. */
export function machineOf(station: {
  readonly id: string;
  readonly driverName: string;
  readonly emulatedMachine: unknown;
}): MachineHandle {
  const machine = station.emulatedMachine as MachineHandle | undefined;
  if (!machine || typeof machine.onEvent !== 'function' || typeof machine.trigger !== 'function')
    throw new Error(`station ${station.id} has no emulated machine (driver ${station.driverName})`);
  return machine;
}
