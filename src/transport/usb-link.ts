import { constants } from 'node:fs';
import { type FileHandle, open, readdir } from 'node:fs/promises';
import { Duplex } from 'node:stream';
import { isatty } from 'node:tty';
import type { Clock } from '../clock/clock.js';
import { SystemClock } from '../clock/system-clock.js';
import { classifyOpenError, openError } from './open-errors.js';
import type { UsbPortSpec } from './port-url.js';
import { streamLink } from './stream-link.js';
import type { ByteLink } from './transport.js';

/** How often an idle USB device is asked for bytes, unless told otherwise. */
export const DEFAULT_USB_POLL_MS = 10;

export interface UsbLinkOptions {
  /** Times the waits between reads of an idle device; default the system clock. */
  readonly clock?: Pick<Clock, 'sleep'>;
  /** Wait between reads when the device has nothing to say; default {@link DEFAULT_USB_POLL_MS}. */
  readonly pollMs?: number;
}

/**
 * Opens a USB printer-class device node (`/dev/usb/lp0`) read/write and wraps it as a
 * {@link ByteLink}. Failures are `PORT_NOT_FOUND`, `PORT_PERMISSION` (the `lp` group), `PORT_BUSY`
 * (the kernel lets one process hold a printer node) or `LINK_FAILED`.
 */
export async function openUsbLink(
  spec: UsbPortSpec,
  description: string,
  options: UsbLinkOptions = {},
): Promise<ByteLink> {
  let handle: FileHandle;
  try {
    // 'r+' plus O_NONBLOCK (see DeviceStream) and O_NOCTTY, so a tty given here never becomes
    // the daemon's controlling terminal.
    handle = await open(spec.path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    const available = classifyOpenError(error) === 'not-found' ? await listUsbPrinters() : undefined;
    throw openError(error, { description, path: spec.path, group: 'lp', available });
  }
  const clock = options.clock ?? new SystemClock();
  return streamLink(new DeviceStream(handle, clock, options.pollMs ?? DEFAULT_USB_POLL_MS), description);
}

async function listUsbPrinters(): Promise<string[]> {
  const names = await readdir('/dev/usb').catch(() => [] as string[]);
  return names.filter((name) => /^lp\d+$/.test(name)).map((name) => `/dev/usb/${name}`);
}

const READ_SIZE = 4096;

/**
 * A duplex over a device file opened non-blocking, polling for input.
 *
 * Why not `handle.createReadStream()`: a blocking read of a device that has nothing to say sits
 * in libuv's thread pool (four threads, shared with DNS and all file I/O) until the printer
 * speaks, and `handle.close()` waits for that read — so closing an idle link would hang.
 * Non-blocking reads return at once; an idle device costs a cheap read every `pollMs`.
 */
class DeviceStream extends Duplex {
  readonly #handle: FileHandle;
  readonly #clock: Pick<Clock, 'sleep'>;
  readonly #pollMs: number;
  readonly #stop = new AbortController();
  readonly #buffer = Buffer.alloc(READ_SIZE);
  readonly #tty: boolean;
  #reading = false;

  constructor(handle: FileHandle, clock: Pick<Clock, 'sleep'>, pollMs: number) {
    super();
    this.#handle = handle;
    this.#tty = isatty(handle.fd);
    this.#clock = clock;
    this.#pollMs = pollMs;
  }

  override _read(): void {
    if (!this.#reading) void this.#readUntilFull();
  }

  /** Reads until the consumer's buffer is full (Node calls `_read` again when it drains) or an error. */
  async #readUntilFull(): Promise<void> {
    this.#reading = true;
    try {
      for (;;) {
        const bytesRead = await this.#readSome();
        if (this.destroyed) return;
        // A tty reads 0 bytes only once hung up (EAGAIN, `null` here, when merely idle). A USB
        // printer may answer with a zero-length packet, so for it only an error (ENODEV) means gone.
        if (bytesRead === 0 && this.#tty) throw new Error('the device hung up');
        if (bytesRead === null || bytesRead === 0) {
          await this.#clock.sleep(this.#pollMs, this.#stop.signal);
          continue;
        }
        if (!this.push(Buffer.from(this.#buffer.subarray(0, bytesRead)))) return;
      }
    } catch (error) {
      if (!this.#stop.signal.aborted) this.destroy(error as Error);
    } finally {
      this.#reading = false;
    }
  }

  /** The number of bytes read, or `null` when the device has none ready. */
  async #readSome(): Promise<number | null> {
    try {
      return (await this.#handle.read(this.#buffer, 0, READ_SIZE, null)).bytesRead;
    } catch (error) {
      if (wouldBlock(error)) return null;
      throw error;
    }
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#writeAll(chunk).then(() => callback(), callback);
  }

  /** Writes every byte; a printer whose buffer is full answers EAGAIN or a short write. */
  async #writeAll(chunk: Buffer): Promise<void> {
    let offset = 0;
    while (offset < chunk.length) {
      let written = 0;
      try {
        written = (await this.#handle.write(chunk, offset, chunk.length - offset, null)).bytesWritten;
      } catch (error) {
        if (!wouldBlock(error)) throw error;
      }
      offset += written;
      if (written === 0) await this.#clock.sleep(this.#pollMs, this.#stop.signal);
    }
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#stop.abort();
    this.#handle.close().then(
      () => callback(error),
      (closeError: Error) => callback(error ?? closeError),
    );
  }
}

function wouldBlock(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'EAGAIN' || code === 'EWOULDBLOCK' || code === 'EINTR';
}
