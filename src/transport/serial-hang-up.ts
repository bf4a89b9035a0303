import { read } from 'node:fs';
import { promisify } from 'node:util';

const readAsync = promisify(read);

/** What serialport's Linux and macOS port bindings have in common: a descriptor and a poller. */
interface UnixPortBinding {
  fd: number | null;
  readonly isOpen: boolean;
  readonly poller: { once(event: 'readable', callback: (error?: Error | null) => void): unknown };
  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }>;
}

/**
 * Makes a serialport Unix port binding report a hung-up device instead of spinning on it.
 *
 * serialport (bindings-cpp 13) re-reads at once when a read returns 0 bytes. A tty opened as
 * serialport opens it (non-blocking, VMIN=1) returns 0 only after a hang-up — the USB adapter
 * was pulled, the pty's other side closed — so the port re-reads a dead descriptor tens of
 * thousands of times a second, a CPU core busy until the next write, and never emits 'close'.
 * Here the same read reports the hang-up, which serialport turns into a disconnect and 'close'.
 * Ports without a descriptor and poller (Windows, the mock binding) are returned unchanged.
 */
export function reportHangUps<T>(port: T): T {
  if (!isUnixPort(port)) return port;
  port.read = (buffer, offset, length) => readOrHangUp(port, buffer, offset, length);
  return port;
}

function isUnixPort(port: unknown): port is UnixPortBinding {
  const candidate = port as Partial<UnixPortBinding> | null;
  return typeof candidate?.fd === 'number' && typeof candidate.poller?.once === 'function';
}

async function readOrHangUp(
  port: UnixPortBinding,
  buffer: Buffer,
  offset: number,
  length: number,
): Promise<{ buffer: Buffer; bytesRead: number }> {
  for (;;) {
    const fd = port.fd;
    if (!port.isOpen || fd === null) throw canceled();
    let bytesRead: number;
    try {
      ({ bytesRead } = await readAsync(fd, buffer, offset, length, null));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK' && code !== 'EINTR') throw error;
      if (!port.isOpen) throw canceled();
      await new Promise<void>((resolve, reject) =>
        port.poller.once('readable', (pollError) => (pollError ? reject(pollError) : resolve())),
      );
      continue;
    }
    if (bytesRead === 0) throw new Error('the device hung up');
    return { buffer, bytesRead };
  }
}

/** serialport's mark for "stopped because the port was closed", which it does not treat as a fault. */
function canceled(): Error {
  return Object.assign(new Error('Port is not open'), { canceled: true });
}
