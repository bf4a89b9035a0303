import { isIP } from 'node:net';
import { hostname } from 'node:os';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CetakError } from '../errors.js';

/** The names, besides the loopback ones, a status port answers to. */
export interface HostCheckOptions {
  /** `server.allowedHosts`: the office's names for this PC (`cetak.kantor.local`), lower case. */
  readonly allowedHosts: readonly string[];
  /** This PC's own name; default `os.hostname()`. */
  readonly machineName?: string;
}

const LOOPBACK_NAMES = new Set(['localhost', 'localhost.']);
const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** What a Host may look like to be quoted back in an answer; anything else is described, not echoed. */
const QUOTABLE = /^[A-Za-z0-9.:[\]_-]{1,255}$/;

/**
 * Answers only to this status port's own names, so a web page cannot reach it by DNS rebinding
 * (a name of the attacker's that resolves to 127.0.0.1): `localhost`, any IP address literal,
 * this PC's host name and `server.allowedHosts`, with any port. An IP literal is safe because
 * rebinding needs a name: a page whose origin is an address is that address's own page. This
 * PC's name is allowed because it is what other office PCs type, and a page elsewhere cannot
 * take it without owning the office's DNS. A request with no Host at all (HTTP/1.0: scripts,
 * old monitors) is let through: every browser sends one.
 *
 * A change (`POST`…) carrying an `Origin` must come from a page of an allowed name too (403),
 * the same check a browser's own page passes. Runs in `onRequest`, before any route or 404, so
 * even `/healthz` answers a foreign name with 421.
 */
export function installHostCheck(app: FastifyInstance, options: HostCheckOptions): void {
  const allowed = new Set([
    ...LOOPBACK_NAMES,
    (options.machineName ?? hostname()).toLowerCase(),
    ...options.allowedHosts.map((name) => name.toLowerCase()),
  ]);
  const isAllowed = (host: string) => {
    const name = hostName(host);
    return name !== undefined && (allowed.has(name) || isIP(name.replace(/^\[|\]$/g, '')) !== 0);
  };
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const host = request.headers.host;
    if (host !== undefined && !isAllowed(host)) {
      throw new CetakError(
        'HOST_NOT_ALLOWED',
        `this status port answers only to its own names, not to Host ${quoted(host)}: use localhost, an IP address of this PC or one of server.allowedHosts in the config`,
      );
    }
    const origin = request.headers.origin;
    if (origin !== undefined && CHANGES.has(request.method) && !isAllowed(originHost(origin))) {
      throw new CetakError(
        'ORIGIN_NOT_ALLOWED',
        `changes are taken only from this status port's own pages, not from Origin ${quoted(origin)}`,
      );
    }
  });
}

/** The name part of a Host header: lower case, without the port; `undefined` if malformed. */
export function hostName(host: string): string | undefined {
  const text = host.trim().toLowerCase();
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(:\d{1,5})?$/.exec(text);
  return match?.[1];
}

function originHost(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return ''; // `null` (a sandboxed page, a file) or garbage: no name of ours
  }
}

function quoted(value: string): string {
  return QUOTABLE.test(value) ? JSON.stringify(value) : `(${value.length} characters, not shown)`;
}
