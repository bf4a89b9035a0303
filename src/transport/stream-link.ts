import type { Duplex } from 'node:stream';
import { ListenerSet } from '../util/listener-set.js';
import type { ByteLink } from './transport.js';

/**
 * A {@link ByteLink} over any Node duplex stream: a TCP socket, a `SerialPort`, a file stream
 * pair. Transports differ only in how they open the stream.
 */
export function streamLink(stream: Duplex, description: string): ByteLink {
  return new StreamLink(stream, description);
}

class StreamLink implements ByteLink {
  readonly description: string;
  readonly #stream: Duplex;
  readonly #close = new ListenerSet<Error | undefined>();
  #closed = false;
  #error: Error | undefined;
  /**
   * Writes not yet confirmed. A stream does not always call back a write it was busy with when it
   * closed (serialport parks a write on a closing port until a reopen that never comes), so the
   * link fails them itself rather than leave a driver awaiting forever.
   */
  readonly #pendingWrites = new Set<(error: Error) => void>();

  constructor(stream: Duplex, description: string) {
    this.#stream = stream;
    this.description = description;
    stream.on('error', (error: Error) => {
      this.#error ??= error;
      this.#finish();
    });
    // serialport reports an unplugged device as a 'close' carrying a DisconnectedError, not 'error'.
    stream.on('close', (reason?: unknown) => {
      if (reason instanceof Error) this.#error ??= reason;
      this.#finish();
    });
    stream.on('end', () => this.#finish());
  }

  get closed(): boolean {
    return this.#closed;
  }

  write(data: Uint8Array): Promise<void> {
    if (this.#closed) return Promise.reject(new Error(`${this.description} is closed`));
    return new Promise((resolve, reject) => {
      this.#pendingWrites.add(reject);
      this.#stream.write(data, (error) => {
        this.#pendingWrites.delete(reject);
        if (error) reject(error);
        else resolve();
      });
    });
  }

  onData(listener: (chunk: Buffer) => void): () => void {
    const onData = (chunk: Buffer | string) =>
      listener(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, 'latin1'));
    this.#stream.on('data', onData);
    return () => this.#stream.off('data', onData);
  }

  onClose(listener: (error?: Error) => void): () => void {
    return this.#close.add(listener);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await new Promise<void>((resolve) => {
      this.#stream.once('close', () => resolve());
      this.#stream.destroy();
      // Some streams (file handles) close synchronously without a 'close' event after destroy.
      if (this.#stream.destroyed && this.#stream.closed) resolve();
    });
    this.#finish();
  }

  #finish(): void {
    if (this.#closed) return;
    this.#closed = true;
    // The peer ended or the device went away: release the descriptor now, since `close()` on an
    // already-closed link returns at once and would never get to it.
    if (!this.#stream.destroyed) this.#stream.destroy();
    for (const reject of this.#pendingWrites) reject(this.#error ?? new Error(`${this.description} closed`));
    this.#pendingWrites.clear();
    this.#close.emit(this.#error);
  }
}
