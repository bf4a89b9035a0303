import type { Clock } from '../clock/clock.js';
import { CetakError, isCetakError } from '../errors.js';
import { ListenerSet } from '../util/listener-set.js';
import { diskFullReason } from './disk-space.js';

/** SQLite result codes that mean the store cannot be written now, though its contents are intact. */
function unavailableBecause(code: string): string | undefined {
  if (code.startsWith('SQLITE_READONLY'))
    return 'the job store has become read-only (disk remounted read-only, or permissions changed)';
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN')
    return 'the disk holding the job store reports errors; check the disk';
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
    return 'the job store is locked by another program (a backup tool or antivirus?)';
  return undefined;
}

/** Whether an error is the store refusing writes for now (`STORE_UNAVAILABLE` or `STORE_FULL`). */
export function isStoreUnwritable(error: unknown): error is CetakError {
  return isCetakError(error, 'STORE_UNAVAILABLE') || isCetakError(error, 'STORE_FULL');
}

function withoutFigures(reason: string | null): string {
  return (reason ?? '').replace(/[\d.]+ MB/g, 'N MB');
}

export interface StoreCondition {
  readonly ok: boolean;
  /** Why writes fail, in words an IT staff member can act on. */
  readonly reason: string | null;
  /** Since when (epoch ms) writes fail. */
  readonly since: number | null;
}

/**
 * Whether the store can be written. A disk that fills up makes writes fail with `STORE_FULL`
 * (507 at the status port, saying how much is free), one that turns read-only or fails with
 * `STORE_UNAVAILABLE` (503): jobs already acknowledged are safe in the
 * file, new ones are refused, stations stop starting cards. The first write that succeeds again
 * makes it healthy; nothing needs restarting.
 */
export class StoreHealth {
  readonly #clock: Clock;
  readonly #freeBytes: () => number | undefined;
  readonly #changes = new ListenerSet<StoreCondition>();
  #condition: StoreCondition = { ok: true, reason: null, since: null };

  /** `freeBytes` measures the store's disk, so a full disk's reason says how full it is. */
  constructor(clock: Clock, freeBytes: () => number | undefined = () => undefined) {
    this.#clock = clock;
    this.#freeBytes = freeBytes;
  }

  /** Free space on the store's disk (bytes), or undefined in memory or where it cannot be told. */
  get diskFreeBytes(): number | undefined {
    return this.#freeBytes();
  }

  get condition(): StoreCondition {
    return this.#condition;
  }

  onChange(listener: (condition: StoreCondition) => void): () => void {
    return this.#changes.add(listener);
  }

  /** A write went through. */
  wrote(): void {
    if (this.#condition.ok) return;
    this.#condition = { ok: true, reason: null, since: null };
    this.#changes.emit(this.#condition);
  }

  /**
   * Turns an SQLite failure into `STORE_FULL` or `STORE_UNAVAILABLE` (and notes it), or returns
   * the error as is.
   */
  classify(error: unknown): unknown {
    if (isCetakError(error)) return error;
    const code = String((error as { code?: unknown })?.code ?? '');
    const full = code === 'SQLITE_FULL';
    const reason = full
      ? `${diskFullReason(this.#freeBytes())} (the disk holding the job store); free some space on it`
      : unavailableBecause(code);
    if (reason === undefined) return error;
    this.unwritable(reason);
    return new CetakError(
      full ? 'STORE_FULL' : 'STORE_UNAVAILABLE',
      `${reason}; nothing of this request was stored, jobs already accepted are safe`,
      { cause: error },
    );
  }

  /** Notes that the store cannot be written, and why (also before it could be opened at all). */
  unwritable(reason: string): void {
    const before = this.#condition;
    if (before.reason === reason) return;
    this.#condition = { ok: false, reason, since: before.since ?? this.#clock.now() };
    // A full disk's figures move by the kilobyte: only a new kind of trouble is news (an alert).
    if (before.ok || withoutFigures(before.reason) !== withoutFigures(reason))
      this.#changes.emit(this.#condition);
  }
}

/**
 * Which methods write: only a write proves the store healthy again. `if-result`: the method writes
 * only when it returns something (a claim that found no job wrote nothing).
 */
export type WriteMethods = ReadonlyMap<string, 'always' | 'if-result'>;

export const JOB_STORE_WRITES: WriteMethods = new Map([
  ['submit', 'always'],
  ['submitMany', 'always'],
  ['cancel', 'always'],
  ['resolve', 'always'],
  ['authoriseReprint', 'always'],
  ['promote', 'always'],
  ['claimNext', 'if-result'],
  ['requeue', 'always'],
  ['markUncertain', 'always'],
  ['finishJob', 'always'],
  ['erasePersonalData', 'always'],
]);

export const LEDGER_STORE_WRITES: WriteMethods = new Map([['recordLoad', 'always']]);

/** Wraps a store so its SQLite failures become `STORE_UNAVAILABLE` and its writes report to `health`. */
export function guardStore<T extends object>(store: T, health: StoreHealth, writes: WriteMethods): T {
  // One wrapper per method, made on first use: the stations call the store on every card.
  const wrappers = new Map<PropertyKey, (...args: unknown[]) => unknown>();
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      let wrapper = wrappers.get(property);
      if (!wrapper) {
        const kind = writes.get(String(property));
        wrapper = (...args: unknown[]) => {
          let result: unknown;
          try {
            result = value.apply(target, args);
          } catch (error) {
            throw health.classify(error);
          }
          if (kind === 'always' || (kind === 'if-result' && result !== undefined)) health.wrote();
          return result;
        };
        wrappers.set(property, wrapper);
      }
      return wrapper;
    },
  });
}
