import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CetakError } from '../errors.js';
import { DOCS_PREFIX } from './openapi.js';

export interface AuthOptions {
  readonly token: string;
  /** Read-only: opens routes marked `scrape` (`/metrics`) and nothing else. */
  readonly scrapeToken?: string;
  /** Also guard reads: true once the status port listens beyond loopback. */
  readonly guardReads: () => boolean;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The answer shows a resident's data unmasked (a card preview): it needs the token even to
     * read on loopback.
     */
    personalData?: boolean;
    /** A monitoring read (`/metrics`): the scrape token opens it as well as the operator's. */
    scrape?: boolean;
  }
}

/**
 * Bearer-token guard. Reading is open on loopback (the office PC's own browser), except routes
 * marked `personalData`; every change needs the token; off loopback everything does. Checked before the body is parsed, so an
 * unauthorised request never reaches a handler and changes nothing.
 */
export function installAuth(app: FastifyInstance, options: AuthOptions): void {
  const expected = Buffer.from(options.token);
  const scrape = options.scrapeToken === undefined ? undefined : Buffer.from(options.scrapeToken);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    // Probes carry no data and are what service monitors poll without credentials; the dashboard's
    // own files and the API's description hold no data either (the page then asks for the token).
    if (isOpenPath(request.url) && READS.has(request.method)) return;
    const personal = request.routeOptions.config?.personalData === true;
    if (READS.has(request.method) && !options.guardReads() && !personal) return;
    const header = request.headers.authorization ?? '';
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7).trim() : '');
    const scraping = request.routeOptions.config?.scrape === true && READS.has(request.method);
    if (scraping && scrape && matches(given, scrape)) return;
    if (!matches(given, expected)) {
      throw new CetakError(
        'UNAUTHORIZED',
        header
          ? 'wrong token'
          : 'this request needs "Authorization: Bearer <token>" (the token is in <data-dir>/token)',
      );
    }
  });
}

function matches(given: Buffer, expected: Buffer): boolean {
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function isOpenPath(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return (
    path === '/healthz' ||
    path === '/readyz' ||
    path === '/' ||
    path.startsWith('/dashboard/') ||
    // The API's description: no data in it, and the docs page must load it without a token.
    path === '/api/openapi.json' ||
    path === DOCS_PREFIX ||
    path.startsWith(`${DOCS_PREFIX}/`)
  );
}

/** Whether a listen address is this machine only. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
