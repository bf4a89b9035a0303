import type { Clock } from '../clock/clock.js';
import { CetakError } from '../errors.js';
import { parsePort } from './port-url.js';
import type { SerialBinding } from './serial-link.js';
import type { ByteLink } from './transport.js';

export interface OpenLinkOptions {
  /** Opens `memory:NAME` ports: how an in-process emulator is plugged in. Without it they fail. */
  readonly memory?: (name: string) => Promise<ByteLink>;
  /** TCP connect timeout; default 5000 ms. */
  readonly connectTimeoutMs?: number;
  /** Times the TCP connect timeout and the USB read polling; default the system clock. */
  readonly clock?: Pick<Clock, 'setTimeout' | 'clearTimeout' | 'sleep'>;
  /** The serialport binding; tests pass `SerialPortMock.binding`. Default: the native one. */
  readonly serialBinding?: SerialBinding;
}

/**
 * Opens the link a station's `port` string names: the one place that switches on the kind of
 * port. Each transport is imported only when used, so a daemon with only network printers never
 * loads serialport's native binding.
 *
 * The link's `description` is the port string. Throws `PORT_INVALID` for a malformed string and
 * `PORT_NOT_FOUND`, `PORT_PERMISSION`, `PORT_BUSY` or `LINK_FAILED` when opening fails.
 */
export async function openLink(port: string, options: OpenLinkOptions = {}): Promise<ByteLink> {
  const spec = parsePort(port);
  switch (spec.kind) {
    case 'serial': {
      const { openSerialLink } = await importTransport(port, 'serial', () => import('./serial-link.js'));
      return openSerialLink(spec, port, { binding: options.serialBinding });
    }
    case 'tcp': {
      const { openTcpLink } = await import('./tcp-link.js');
      return openTcpLink(spec, port, { connectTimeoutMs: options.connectTimeoutMs, clock: options.clock });
    }
    case 'usb': {
      const { openUsbLink } = await import('./usb-link.js');
      return openUsbLink(spec, port, { clock: options.clock });
    }
    case 'memory': {
      if (!options.memory) {
        throw new CetakError(
          'PORT_INVALID',
          `port ${JSON.stringify(port)}: no in-process emulator is available`,
        );
      }
      return describedAs(await options.memory(spec.name), port);
    }
  }
}

/** Loads a transport module; a missing native binding becomes a `LINK_FAILED` that says so. */
async function importTransport<T>(port: string, kind: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CetakError('LINK_FAILED', `${port}: ${kind} support could not be loaded: ${reason}`, {
      cause: error,
    });
  }
}

/** The same link under another description, so logs name the configured port. */
function describedAs(link: ByteLink, description: string): ByteLink {
  if (link.description === description) return link;
  return {
    description,
    write: (data) => link.write(data),
    onData: (listener) => link.onData(listener),
    onClose: (listener) => link.onClose(listener),
    close: () => link.close(),
    get closed() {
      return link.closed;
    },
  };
}
