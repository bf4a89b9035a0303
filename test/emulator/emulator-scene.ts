import { pino } from 'pino';
import { EmulatedMachine, type MachineOptions } from '../../drivers/emulator/machine.js';
import type { MachineEvent } from '../../drivers/emulator/machine-types.js';
import { type ProtocolServer, serveProtocol } from '../../drivers/emulator/protocol-server.js';
import { VirtualClock } from '../../src/clock/virtual-clock.js';
import { profileSchema } from '../../src/config/profile-schema.js';
import { type AmbientSpec, ambientFrom } from '../../src/thermal/ambient.js';
import { memoryLinkPair } from '../../src/transport/memory-link.js';
import type { ByteLink } from '../../src/transport/transport.js';

export const profile = profileSchema.parse({});
export const WARM_UP_MS = 162_500;
export const PRINT_MS = 45_000;
export const ENCODE_MS = 20_000;
/** 07:00 WIB on Monday 5 January 2026. */
export const START = Date.UTC(2026, 0, 5, 0, 0, 0);

export interface SceneOptions extends Partial<Omit<MachineOptions, 'ambient' | 'clock'>> {
  readonly ambient?: AmbientSpec;
}

/** A machine on a virtual clock in a 30 °C room (unless told otherwise), recording its events. */
export function machineScene(options: SceneOptions = {}) {
  const clock = new VirtualClock(START);
  const timeZone = options.timeZone ?? 'Asia/Jakarta';
  const machine = new EmulatedMachine({
    profile,
    serial: 'EMU0001',
    log: pino({ level: 'silent' }),
    ...options,
    clock,
    timeZone,
    ambient: ambientFrom(options.ambient ?? 30, timeZone),
  });
  const events: Array<MachineEvent & { atMs: number }> = [];
  machine.onEvent((event) => events.push({ ...event, atMs: clock.now() - START }));
  return { clock, machine, events };
}

/** Switches the heater on and lets the roller reach its band. */
export async function warm(scene: ReturnType<typeof machineScene>): Promise<void> {
  scene.machine.setHeater(true);
  await scene.clock.until(() => scene.machine.state === 'ready', 10 * 60_000, 500);
}

/**
 * Runs one card through the machine as the protocol driver's steps would, advancing virtual time
 * as it goes: a blank to the contactless station (`Sic`), its chip, then print and eject (`Se`).
 */
export async function cardCycle(scene: ReturnType<typeof machineScene>) {
  const { machine, clock } = scene;
  const steps: string[] = [];
  const record = (name: string, outcome: { ok: boolean; value?: string; reason?: string }) => {
    steps.push(`${name} ${outcome.ok ? outcome.value : `ERR ${outcome.reason}`}`);
    return outcome.ok;
  };
  let done = false;
  const run = (async () => {
    try {
      if (!record('Sic', machine.insert())) return;
      if (!record('station', machine.toStation('contactless'))) return machine.reject();
      if (!record('chip', await machine.encodeChip())) return machine.reject();
      if (!record('Se', await machine.printCard())) return machine.reject();
    } finally {
      done = true;
    }
  })();
  await clock.until(() => done, 10 * 60_000, 1000);
  await run;
  return steps;
}

/** A machine served over a memory link, with a raw client on the host end. */
export function protocolScene(
  options: SceneOptions & { extensions?: boolean; downloadIdleMs?: number } = {},
) {
  const scene = machineScene(options);
  const [host, printer] = memoryLinkPair('emulator test');
  const server: ProtocolServer = serveProtocol(scene.machine, printer, {
    clock: scene.clock,
    ...(options.extensions !== undefined && { extensions: options.extensions }),
    ...(options.downloadIdleMs !== undefined && { downloadIdleMs: options.downloadIdleMs }),
  });
  const client = new RawClient(host, scene.clock);
  return { ...scene, host, printer, server, client };
}

const CR = 0x0d;
const NUL = 0x00;
const ACK = 0x06;
const NACK = 0x15;

/**
 * A data command as the guide writes it, built by hand: `ESC name;p1;…;pn;` + the data + CR
 * (`withStop: false` leaves the CR off).
 */
export function dataCommand(
  name: string,
  params: readonly (string | number)[],
  data: Uint8Array,
  withStop = true,
): Buffer {
  const header = Buffer.from(`\x1b${[name, ...params].join(';')};`, 'latin1');
  return Buffer.concat([header, data, Buffer.from(withStop ? '\r' : '', 'latin1')]);
}

/**
 * A host that speaks bytes by hand and splits what comes back into replies, in any of the guide's
 * forms: text ended by CR or NUL, ACK (alone or after a value), or NACK and its one-byte code.
 * Nothing is interpreted: `replies` keeps each reply's bytes (latin1) with its end.
 */
export class RawClient {
  /** Every reply as received, its end included: `OK\r`, `OK\0`, `\x06`, `EMU-2.0\x06`, `\x151`. */
  readonly replies: string[] = [];
  readonly link: ByteLink;
  readonly #clock: VirtualClock;
  #partial = '';
  #nack = false;

  constructor(link: ByteLink, clock: VirtualClock) {
    this.link = link;
    this.#clock = clock;
    link.onData((chunk) => {
      for (const byte of chunk) this.#byte(byte);
    });
  }

  /** The replies with a CR or NUL at their end taken off (ACK and NACK replies as they are). */
  get lines(): string[] {
    return this.replies.map(stripEnd);
  }

  /** Sends raw bytes. */
  async write(bytes: Uint8Array | string): Promise<void> {
    await this.link.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  }

  /** Sends `ESC command CR` and waits (in virtual time) for the next reply, its CR or NUL taken off. */
  request(command: string, limitMs = 6 * 60_000): Promise<string> {
    return this.exchange(`\x1b${command}\r`, limitMs);
  }

  /** Sends a data command (see {@link dataCommand}) and waits for its reply. */
  download(name: string, params: readonly (string | number)[], data: Uint8Array): Promise<string> {
    return this.exchange(dataCommand(name, params, data));
  }

  /** Sends raw bytes and waits (in virtual time) for the next reply, its CR or NUL taken off. */
  async exchange(bytes: Uint8Array | string, limitMs = 6 * 60_000): Promise<string> {
    const before = this.replies.length;
    await this.write(bytes);
    await this.#clock.settle();
    await this.#clock.until(() => this.replies.length > before, limitMs, 100);
    return stripEnd(this.replies[before] as string);
  }

  /** Lets `ms` of virtual time pass and returns the replies (CR or NUL taken off) that arrived meanwhile. */
  async during(ms: number): Promise<string[]> {
    const before = this.replies.length;
    await this.#clock.advance(ms);
    return this.replies.slice(before).map(stripEnd);
  }

  #byte(byte: number): void {
    const char = String.fromCharCode(byte);
    if (this.#nack) {
      this.#nack = false;
      this.#end(char);
    } else if (byte === NACK) {
      this.#partial += char;
      this.#nack = true;
    } else if (byte === CR || byte === NUL || byte === ACK) this.#end(char);
    else this.#partial += char;
  }

  #end(char: string): void {
    this.replies.push(this.#partial + char);
    this.#partial = '';
  }
}

function stripEnd(reply: string): string {
  return /[\r\0]$/.test(reply) ? reply.slice(0, -1) : reply;
}
