import { describe, expect, it } from 'vitest';
import emulator from '../../drivers/emulator/direct.js';
import { VirtualClock } from '../../src/clock/virtual-clock.js';
import { profileSchema } from '../../src/config/schema.js';
import type { CardToPrint, PrinterDriver, PrinterState } from '../../src/drivers/driver.js';
import { isCetakError } from '../../src/errors.js';
import { driverContext } from '../helpers/driver-context.js';

const profile = profileSchema.parse({});
const WARM_UP_MS = 162_500;
const CYCLE_MS = 65_000;
const IDLE_OFF_MS = profile.heaterIdleOffMinutes * 60_000;
const card: CardToPrint = { jobId: 'job-1', fields: { name: 'KARIMO SINTETIKA' } };

async function connectedPrinter(id = 'x'): Promise<{ clock: VirtualClock; printer: PrinterDriver }> {
  const clock = new VirtualClock();
  const printer = emulator(driverContext({ clock, station: { id }, profile }));
  await printer.connect();
  return { clock, printer };
}

async function readyPrinter(id = 'x') {
  const setup = await connectedPrinter(id);
  const warming = setup.printer.warmUp();
  await setup.clock.advance(WARM_UP_MS);
  await warming;
  return setup;
}

/** Prints one card on the virtual clock and returns its outcome. */
async function printOne(clock: VirtualClock, printer: PrinterDriver) {
  const printing = printer.printCard(card);
  await clock.advance(CYCLE_MS);
  return printing;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('emulator driver (direct, on the emulated machine)', () => {
  it('uses the reference profile timings', () => {
    expect(profile).toMatchObject({ printSeconds: 45, encodeSeconds: 20, heaterIdleOffMinutes: 15 });
  });

  it('is in standby once connected, with an identity naming the station', async () => {
    const clock = new VirtualClock();
    const printer = emulator(driverContext({ clock, station: { id: 'sbu1-a' }, profile }));
    expect(printer.status().state).toBe('off');
    const identity = await printer.connect();
    expect(identity.serial).toContain('sbu1-a');
    // Like a printer that speaks only the guide, it keeps its temperatures to itself.
    expect(printer.status()).toEqual({
      state: 'standby',
      problems: [],
      temperatures: {},
      consumables: { ribbonRemaining: 500, filmRemaining: 1000, blanksRemaining: 100, hopperSpace: 100 },
    });
  });

  it('reports its temperatures only when its printer block says it does', async () => {
    const clock = new VirtualClock();
    const seen = emulator(
      driverContext({
        clock,
        station: { id: 'sbu1-a', emulator: { printer: { reportsTemperatures: true } } },
        profile,
      }),
    );
    await seen.connect();
    expect(seen.status().temperatures).toEqual({ internalC: 30, rollerC: 30 });
    const blind = emulator(
      driverContext({
        clock,
        station: { id: 'sbu1-b', emulator: { extensions: true, printer: { reportsTemperatures: false } } },
        profile,
      }),
    );
    await blind.connect();
    expect(blind.status().temperatures).toEqual({});
  });

  it('warms up in exactly warmUpSeconds of virtual time', async () => {
    const { clock, printer } = await connectedPrinter();
    let warm = false;
    const warming = printer.warmUp().then(() => {
      warm = true;
    });
    expect(printer.status().state).toBe('warming');
    await clock.advance(WARM_UP_MS - 1);
    expect(warm).toBe(false);
    expect(printer.status().state).toBe('warming');
    await clock.advance(1);
    await warming;
    expect(warm).toBe(true);
    expect(printer.status().state).toBe('ready');
    // Warming an already-ready printer returns at once.
    await printer.warmUp();
    expect(clock.now()).toBe(new VirtualClock().now() + WARM_UP_MS);
  });

  it('takes a card on a cold printer, warming the roller first, and one card at a time', async () => {
    // As a guide printer does: the blank goes in and the print waits for the roller.
    const { clock, printer } = await connectedPrinter();
    let outcome: unknown;
    const printing = printer.printCard(card).then((o) => {
      outcome = o;
    });
    expect(await printer.printCard(card)).toEqual({ result: 'not-started', reason: 'busy' });
    await clock.advance(WARM_UP_MS);
    expect(outcome).toBeUndefined();
    await clock.advance(CYCLE_MS);
    await printing;
    expect(outcome).toMatchObject({ result: 'printed' });
    expect(printer.status().consumables.blanksRemaining).toBe(99);
  });

  it('prints a card in cycleSeconds, with a 7-byte NXP-style chip UID', async () => {
    const { clock, printer } = await readyPrinter();
    const start = clock.now();
    let outcome: unknown;
    const printing = printer.printCard(card).then((o) => {
      outcome = o;
    });
    await clock.advance(CYCLE_MS - 1);
    expect(outcome).toBeUndefined();
    expect(printer.status().state).toBe('printing');
    await clock.advance(1);
    await printing;
    expect(clock.now() - start).toBe(CYCLE_MS);
    expect(outcome).toEqual({ result: 'printed', chipUid: expect.stringMatching(/^04[0-9A-F]{12}$/) });
    expect(printer.status().state).toBe('ready');
  });

  it('gives every card its own UID, and different printers different UIDs', async () => {
    const a = await readyPrinter('sbu1-a');
    const b = await readyPrinter('sbu1-b');
    const uids: string[] = [];
    for (let i = 0; i < 3; i++) {
      for (const { clock, printer } of [a, b]) {
        const outcome = await printOne(clock, printer);
        if (outcome.result !== 'printed') throw new Error(`card spoiled: ${outcome.reason}`);
        uids.push(String(outcome.chipUid));
      }
    }
    expect(new Set(uids).size).toBe(6);
  });

  it('reports warming, ready, printing, ready to status listeners', async () => {
    const { clock, printer } = await connectedPrinter();
    const seen: PrinterState[] = [];
    const unsubscribe = printer.onStatus((status) => seen.push(status.state));
    const warming = printer.warmUp();
    await clock.advance(WARM_UP_MS);
    await warming;
    await printOne(clock, printer);
    expect(seen).toEqual(['warming', 'ready', 'printing', 'ready']);
    unsubscribe();
    await printer.standby();
    expect(seen).toHaveLength(4);
  });

  it('turns its heater off after heaterIdleOffMinutes without a card', async () => {
    const { clock, printer } = await readyPrinter();
    await printOne(clock, printer);
    await clock.advance(IDLE_OFF_MS - 1);
    expect(printer.status().state).toBe('ready');
    await clock.advance(1);
    expect(printer.status().state).toBe('standby');
  });

  it('stays warm while cards keep coming', async () => {
    const { clock, printer } = await readyPrinter();
    for (let i = 0; i < 3; i++) {
      await clock.advance(IDLE_OFF_MS - CYCLE_MS);
      expect(printer.status().state).toBe('ready');
      await printOne(clock, printer);
    }
    expect(printer.status().state).toBe('ready');
  });

  it('goes to standby once the card is out when asked during a card', async () => {
    const { clock, printer } = await readyPrinter();
    const printing = printer.printCard(card);
    await clock.advance(10_000);
    await printer.standby();
    expect(printer.status().state).toBe('printing');
    await clock.advance(CYCLE_MS - 10_000);
    expect((await printing).result).toBe('printed');
    expect(printer.status().state).toBe('standby');
  });

  it('rejects a warm-up waiter when the printer goes to standby first', async () => {
    const { clock, printer } = await connectedPrinter();
    const warming = rejection(printer.warmUp());
    await clock.advance(WARM_UP_MS / 2);
    await printer.standby();
    const error = await warming;
    expect(isCetakError(error, 'DRIVER_NOT_READY')).toBe(true);
    expect(printer.status().state).toBe('standby');
    // The cancelled warm-up does not finish later on its own.
    await clock.advance(WARM_UP_MS);
    expect(printer.status().state).toBe('standby');
  });

  it('rejects a warm-up waiter with the abort reason when aborted', async () => {
    const { clock, printer } = await connectedPrinter();
    const controller = new AbortController();
    const reason = new Error('station stopping');
    const warming = rejection(printer.warmUp(controller.signal));
    await clock.advance(1_000);
    controller.abort(reason);
    expect(await warming).toBe(reason);
  });

  it('goes off when closed and refuses every call after with DRIVER_CLOSED', async () => {
    const { clock, printer } = await readyPrinter();
    const seen: PrinterState[] = [];
    printer.onStatus((status) => seen.push(status.state));
    await printer.close();
    expect(printer.status().state).toBe('off');
    expect(seen).toEqual(['off']);
    for (const call of [() => printer.warmUp(), () => printer.standby(), () => printer.printCard(card)]) {
      expect(isCetakError(await rejection(call()), 'DRIVER_CLOSED')).toBe(true);
    }
    expect(clock.pendingTimers).toBe(0);
  });
});
