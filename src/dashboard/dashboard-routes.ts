import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * The dashboard's files and their content types. Only these are ever served: a request names an
 * entry of this table, never a path on disk, so no URL can reach another file.
 */
const ASSETS: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
  'card.css': 'text/css; charset=utf-8',
  'icon.svg': 'image/svg+xml',
  'app.js': 'text/javascript; charset=utf-8',
  'api.js': 'text/javascript; charset=utf-8',
  'dom.js': 'text/javascript; charset=utf-8',
  'i18n.js': 'text/javascript; charset=utf-8',
  'strings-id.js': 'text/javascript; charset=utf-8',
  'strings-en.js': 'text/javascript; charset=utf-8',
  'words.js': 'text/javascript; charset=utf-8',
  'live.js': 'text/javascript; charset=utf-8',
  'temp-chart.js': 'text/javascript; charset=utf-8',
  'station-card.js': 'text/javascript; charset=utf-8',
  'fleet-strip.js': 'text/javascript; charset=utf-8',
  'side-panels.js': 'text/javascript; charset=utf-8',
};

/**
 * Everything from this origin only, and no inline script: the page shows residents' masked NIKs and
 * holds the operator's token, so an injected script must have nowhere to run or send it.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob:", // the card preview, fetched with the token and shown from a blob
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

interface Asset {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
}

/**
 * Serves the operator dashboard: `GET /` (the page) and `GET /dashboard/<file>` (its scripts and
 * styles). The files are read once when the plugin starts; a missing one fails the start-up rather
 * than the first operator who opens the page.
 */
export async function dashboardRoutes(app: FastifyInstance): Promise<void> {
  const assets = new Map<string, Asset>();
  for (const [name, type] of Object.entries(ASSETS)) {
    // Synchronous on purpose (~60 kB, once): the simulator boots and closes the status port in
    // step with a virtual clock, which cannot wait for real file I/O to come back.
    const body = readFileSync(new URL(name, import.meta.url));
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    assets.set(name, { body, type, etag });
  }

  const send = (reply: FastifyReply, asset: Asset, ifNoneMatch: string | undefined) => {
    // no-cache = revalidate every time: after an upgrade the office PC never runs yesterday's page.
    reply.header('cache-control', 'no-cache').header('etag', asset.etag);
    reply.header('x-content-type-options', 'nosniff');
    if (ifNoneMatch === asset.etag) return reply.status(304).send();
    return reply.type(asset.type).send(asset.body);
  };

  app.get('/', async (request, reply) => {
    reply.header('content-security-policy', DASHBOARD_CSP);
    // The token arrives in the URL fragment; never let the page's address leak to another site.
    reply.header('referrer-policy', 'no-referrer');
    return send(reply, assets.get('index.html') as Asset, request.headers['if-none-match']);
  });

  app.get<{ Params: { file: string } }>('/dashboard/:file', async (request, reply) => {
    const asset = Object.hasOwn(ASSETS, request.params.file) ? assets.get(request.params.file) : undefined;
    if (!asset) {
      return reply.status(404).send({
        error: 'NOT_FOUND',
        message: `no dashboard file "${request.params.file.slice(0, 64)}"`,
      });
    }
    return send(reply, asset, request.headers['if-none-match']);
  });
}
