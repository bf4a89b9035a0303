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

/** Runs one card through every step, as the host would, advancing virtual time as it goes. */
export async function cardCycle(scene: ReturnType<typeof machineScene>, data = new Uint8Array(82_296)) {
  const { machine, clock } = scene;
  const steps: string[] = [];
  const record = (name: string, outcome: { ok: boolean; value?: string; reason?: string }) => {
    steps.push(`${name} ${outcome.ok ? outcome.value : `ERR ${outcome.reason}`}`);
    return outcome.ok;
  };
  let done = false;
  const run = (async () => {
    try {
      record('Db', machine.download('k', 1, data));
      if (!record('Ss', machine.feed())) return;
      if (!record('Sr', await machine.print())) return machine.reject();
      if (!record('Sic', machine.toEncoder())) return machine.reject();
      if (!record('Xce', await machine.encode())) return machine.reject();
      record('Se', machine.eject());
    } finally {
      done = true;
    }
  })();
  await clock.until(() => done, 10 * 60_000, 1000);
  await run;
  return steps;
}

/** A machine served over a memory link, with a raw client on the host end. */
export function protocolScene(options: SceneOptions & { extensions?: boolean } = {}) {
  const scene = machineScene(options);
  const [host, printer] = memoryLinkPair('emulator test');
  const server: ProtocolServer = serveProtocol(scene.machine, printer, {
    clock: scene.clock,
    ...(options.extensions !== undefined && { extensions: options.extensions }),
  });
  const client = new RawClient(host, scene.clock);
  return { ...scene, host, printer, server, client };
}

/** A host that speaks bytes by hand and collects every reply line (CR-split, latin1). */
export class RawClient {
  readonly lines: string[] = [];
  readonly link: ByteLink;
  readonly #clock: VirtualClock;
  #partial = '';

  constructor(link: ByteLink, clock: VirtualClock) {
    this.link = link;
    this.#clock = clock;
    link.onData((chunk) => {
      const text = this.#partial + chunk.toString('latin1');
      const parts = text.split('\r');
      this.#partial = parts.pop() ?? '';
      this.lines.push(...parts);
    });
  }

  /** Sends raw bytes. */
  async write(bytes: Uint8Array | string): Promise<void> {
    await this.link.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  }

  /** Sends `ESC command CR` and waits (in virtual time) for the next reply line. */
  request(command: string, limitMs = 6 * 60_000): Promise<string> {
    return this.exchange(`\x1b${command}\r`, limitMs);
  }

  /** Sends raw bytes and waits (in virtual time) for the next reply line. */
  async exchange(bytes: Uint8Array | string, limitMs = 6 * 60_000): Promise<string> {
    const before = this.lines.length;
    await this.write(bytes);
    await this.#clock.settle();
    await this.#clock.until(() => this.lines.length > before, limitMs, 100);
    return this.lines[before] as string;
  }

  /** Lets `ms` of virtual time pass and returns the lines that arrived meanwhile. */
  async during(ms: number): Promise<string[]> {
    const before = this.lines.length;
    await this.#clock.advance(ms);
    return this.lines.slice(before);
  }
}
