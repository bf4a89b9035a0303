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

  constructor(stream: Duplex, description: string) {
    this.#stream = stream;
    this.description = description;
    stream.on('error', (error: Error) => {
      this.#error ??= error;
      this.#finish();
    });
    stream.on('close', () => this.#finish());
    stream.on('end', () => this.#finish());
  }

  get closed(): boolean {
    return this.#closed;
  }

  write(data: Uint8Array): Promise<void> {
    if (this.#closed) return Promise.reject(new Error(`${this.description} is closed`));
    return new Promise((resolve, reject) => {
      this.#stream.write(data, (error) => (error ? reject(error) : resolve()));
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
    this.#close.emit(this.#error);
  }
}
