/**
 * The lowest seam: a byte stream to a printer. A protocol driver writes and reads bytes and never
 * knows whether they travel over a serial line, TCP, a USB printer device or an in-process pipe to
 * the emulator.
 */
export interface ByteLink {
  /** A short description for logs and errors, e.g. `serial:/dev/ttyUSB0`. Never personal data. */
  readonly description: string;
  /** Sends bytes; resolves once they are handed to the OS (or the peer, in memory). */
  write(data: Uint8Array): Promise<void>;
  /** Subscribes to received bytes; returns the unsubscribe function. */
  onData(listener: (chunk: Buffer) => void): () => void;
  /** Subscribes to the link closing (by either side, or failing); called once. */
  onClose(listener: (error?: Error) => void): () => void;
  /** Closes the link. Idempotent. */
  close(): Promise<void>;
  readonly closed: boolean;
}

/** Opens a fresh link each time it is called (the first time, and after a reconnect). */
export type LinkOpener = () => Promise<ByteLink>;
