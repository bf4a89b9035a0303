import { constants as fsConstants } from 'node:fs';
import { access, readdir } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { SerialPort, type SerialPortMock } from 'serialport';
import { classifyOpenError, openError } from './open-errors.js';
import type { SerialPortSpec } from './port-url.js';
import { reportHangUps } from './serial-hang-up.js';
import { streamLink } from './stream-link.js';
import type { ByteLink } from './transport.js';

/** A serialport binding: the platform's native one, or `SerialPortMock.binding` in tests. */
export type SerialBinding = typeof SerialPort.binding | typeof SerialPortMock.binding;

export interface SerialLinkOptions {
  /** Default: the native binding for this platform. */
  readonly binding?: SerialBinding;
}

type PortOptions = ConstructorParameters<typeof SerialPort>[0];

/**
 * A `SerialPort` whose `destroy()` closes the device. serialport's stream leaves the descriptor
 * (and its exclusive lock) open on `destroy()`, so a reconnect to the same port would then fail
 * with "Cannot lock port".
 */
class ClosingSerialPort extends SerialPort {
  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.isOpen) {
      callback(error);
      return;
    }
    this.close((closeError) => callback(error ?? closeError ?? null));
  }
}

/**
 * Opens a serial port and wraps it as a {@link ByteLink}. Failures are `PORT_NOT_FOUND` (listing
 * the ports that exist), `PORT_PERMISSION`, `PORT_BUSY` or `LINK_FAILED`.
 */
export async function openSerialLink(
  spec: SerialPortSpec,
  description: string,
  options: SerialLinkOptions = {},
): Promise<ByteLink> {
  const binding = options.binding ?? SerialPort.binding;
  const reporting = {
    list: () => binding.list(),
    open: async (openOptions: Parameters<SerialBinding['open']>[0]) =>
      reportHangUps(await binding.open(openOptions as never)),
  };
  const settings = {
    path: spec.path,
    baudRate: spec.baudRate,
    parity: spec.parity,
    dataBits: spec.dataBits,
    stopBits: spec.stopBits,
    rtscts: spec.rtscts,
    autoOpen: false,
    binding: reporting,
  };
  let port: ClosingSerialPort;
  try {
    // `binding` is not in SerialPort's option type, but its constructor takes it over the default.
    port = new ClosingSerialPort(settings as PortOptions);
  } catch (error) {
    throw openError(error, { description, path: spec.path, group: 'dialout' });
  }
  try {
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  } catch (error) {
    const available =
      classifyOpenError(error) === 'not-found'
        ? await listSerialPaths(binding, options.binding === undefined)
        : undefined;
    throw openError(error, { description, path: spec.path, group: 'dialout', available });
  }
  return streamLink(port, description);
}

/**
 * The serial ports that exist, best effort, for an error message; `undefined` if unknown.
 *
 * On Linux the native `list()` spawns `udevadm` without an 'error' listener, so where udev is not
 * installed (containers, slim images) it crashes the whole process; there we read `/dev` instead.
 */
export async function listSerialPaths(
  binding: SerialBinding,
  native: boolean,
  platform: NodeJS.Platform = process.platform,
): Promise<string[] | undefined> {
  try {
    if (native && platform === 'linux' && !(await onPath('udevadm'))) return await scanDev();
    return (await binding.list()).map((info) => info.path).sort();
  } catch {
    return undefined;
  }
}

async function onPath(command: string): Promise<boolean> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    try {
      await access(join(dir, command), fsConstants.X_OK);
      return true;
    } catch {}
  }
  return false;
}

/** USB and on-board serial devices, plus the stable `/dev/serial/by-id` names when udev made them. */
async function scanDev(): Promise<string[]> {
  const usbSerial = /^tty(USB|ACM|AMA|XRUSB)\d+$/;
  const names = (await readdir('/dev')).filter((name) => usbSerial.test(name)).map((name) => `/dev/${name}`);
  const byId = await readdir('/dev/serial/by-id').catch(() => [] as string[]);
  return [...names.sort(), ...byId.sort().map((name) => `/dev/serial/by-id/${name}`)];
}
