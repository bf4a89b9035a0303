import { connect } from 'node:net';
import type { Clock, TimerHandle } from '../clock/clock.js';
import { SystemClock } from '../clock/system-clock.js';
import { CetakError } from '../errors.js';
import type { TcpPortSpec } from './port-url.js';
import { streamLink } from './stream-link.js';
import type { ByteLink } from './transport.js';

/** How long a TCP connect may take before it fails, unless told otherwise. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

export interface TcpLinkOptions {
  /** Give up connecting after this long; default {@link DEFAULT_CONNECT_TIMEOUT_MS}. */
  readonly connectTimeoutMs?: number;
  /** Times the connect timeout; default the system clock. */
  readonly clock?: Pick<Clock, 'setTimeout' | 'clearTimeout'>;
  /**
   * Idle time before the first TCP keepalive probe; default 10 000 ms. Without keepalive a printer
   * whose cable was pulled between jobs looks connected until the next write.
   */
  readonly keepAliveMs?: number;
}

/** Connects to a network printer (raw TCP, usually port 9100) and wraps the socket as a {@link ByteLink}. */
export function openTcpLink(
  spec: TcpPortSpec,
  description: string,
  options: TcpLinkOptions = {},
): Promise<ByteLink> {
  const timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const clock = options.clock ?? new SystemClock();
  const address = spec.host.includes(':') ? `[${spec.host}]:${spec.port}` : `${spec.host}:${spec.port}`;

  return new Promise((resolve, reject) => {
    const socket = connect({ host: spec.host, port: spec.port });
    let timer: TimerHandle | undefined;
    const fail = (error: CetakError) => {
      if (timer) clock.clearTimeout(timer);
      socket.off('error', onError);
      socket.off('connect', onConnect);
      // A destroyed socket may still report the aborted connect; nobody is listening any more.
      socket.on('error', () => {});
      socket.destroy();
      reject(error);
    };
    const onError = (error: Error) => fail(connectError(error, description, spec.host, address));
    const onConnect = () => {
      if (timer) clock.clearTimeout(timer);
      socket.off('error', onError);
      socket.setNoDelay(true);
      socket.setKeepAlive(true, options.keepAliveMs ?? 10_000);
      resolve(streamLink(socket, description));
    };
    socket.once('error', onError);
    socket.once('connect', onConnect);
    timer = clock.setTimeout(
      () =>
        fail(
          new CetakError(
            'LINK_FAILED',
            `${description}: no connection to ${address} within ${timeoutMs} ms — ` +
              'is the printer switched on and on this network?',
          ),
        ),
      timeoutMs,
    );
  });
}

function connectError(error: Error, description: string, host: string, address: string): CetakError {
  const code = (error as NodeJS.ErrnoException).code;
  let reason: string;
  switch (code) {
    case 'ECONNREFUSED':
      reason = 'connection refused — is the printer switched on, and is that its raw printing port?';
      break;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      reason = `host name ${host} not found — check the name, or use the printer's IP address`;
      break;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      reason = `unreachable (${code}) — check the network cable and the printer's IP address`;
      break;
    default:
      reason = error.message;
  }
  return new CetakError('LINK_FAILED', `${description}: could not connect to ${address}: ${reason}`, {
    cause: error,
  });
}
