import { ListenerSet } from '../util/listener-set.js';
import type { ByteLink } from './transport.js';

/**
 * Two connected in-process links: bytes written to one arrive at the other. This is how the
 * default fleet's protocol driver talks to an in-process emulator, so the same driver code runs
 * as against a real printer.
 *
 * Delivery is asynchronous (a microtask later), as on a real stream, so a reply can never arrive
 * inside the `write` call that provoked it.
 */
export function memoryLinkPair(description = 'memory'): [ByteLink, ByteLink] {
  const a = new MemoryLink(`${description} (host side)`);
  const b = new MemoryLink(`${description} (printer side)`);
  a.peer = b;
  b.peer = a;
  return [a, b];
}

class MemoryLink implements ByteLink {
  readonly description: string;
  peer: MemoryLink | undefined;
  #closed = false;
  readonly #data = new ListenerSet<Buffer>();
  readonly #close = new ListenerSet<Error | undefined>();

  constructor(description: string) {
    this.description = description;
  }

  get closed(): boolean {
    return this.#closed;
  }

  async write(data: Uint8Array): Promise<void> {
    if (this.#closed) throw new Error(`${this.description} is closed`);
    const chunk = Buffer.from(data);
    const peer = this.peer;
    queueMicrotask(() => {
      if (peer && !peer.#closed) peer.#data.emit(chunk);
    });
  }

  onData(listener: (chunk: Buffer) => void): () => void {
    return this.#data.add(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    return this.#close.add(listener);
  }

  async close(): Promise<void> {
    this.#shut();
    if (this.peer) this.peer.#shut();
  }

  /** Closes this end only, as if its cable were pulled; the peer learns of it as on a real link. */
  #shut(): void {
    if (this.#closed) return;
    this.#closed = true;
    queueMicrotask(() => this.#close.emit(undefined));
  }
}
