import { once } from 'node:events';
import { connect, type Socket } from 'node:net';

/**
 * A host that speaks to a printer on TCP by hand: it sends bytes as they are and collects the
 * replies, split at CR or NUL as the Programming Guide's text replies end. Written here, apart
 * from Cetak's driver, so tests can play third-party streams to the emulator.
 */
export class RawPrinterClient {
  readonly replies: string[] = [];
  readonly #socket: Socket;
  #partial = '';
  #waiters: Array<() => void> = [];

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => {
      const parts = (this.#partial + chunk.toString('latin1')).split(/[\r\0]/);
      this.#partial = parts.pop() ?? '';
      this.replies.push(...parts.filter((part) => part !== ''));
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  static async connect(endpoint: string): Promise<RawPrinterClient> {
    const url = new URL(endpoint);
    const socket = connect(Number(url.port), url.hostname);
    await once(socket, 'connect');
    return new RawPrinterClient(socket);
  }

  /** Sends `bytes` and resolves with the next reply, or rejects after `timeoutMs` of silence. */
  async exchange(bytes: Uint8Array, timeoutMs: number): Promise<string> {
    const before = this.replies.length;
    this.#socket.write(bytes);
    const deadline = performance.now() + timeoutMs;
    while (this.replies.length === before) {
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`no reply within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.replies[before] as string;
  }

  close(): void {
    this.#socket.destroy();
  }
}
