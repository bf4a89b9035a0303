import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CetakError } from '../../errors.js';
import type { StatusPortServices } from '../server.js';

/**
 * `GET /api/jobs/:id/preview.png`: the card's front as it will print. Unlike other reads it needs
 * the token even on loopback: every other answer masks the NIK and leaves the card out, while this
 * one is the resident's name, address and face.
 */
export function jobPreviewRoute(app: FastifyInstance, services: StatusPortServices): void {
  const expected = Buffer.from(services.auth.token);
  const requireToken = async (request: FastifyRequest) => {
    const header = request.headers.authorization ?? '';
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7).trim() : '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new CetakError(
        'UNAUTHORIZED',
        header
          ? 'wrong token'
          : 'a card preview needs "Authorization: Bearer <token>" (the token is in <data-dir>/token)',
      );
    }
  };
  app.get<{ Params: { id: string } }>(
    '/api/jobs/:id/preview.png',
    { onRequest: requireToken },
    async (request, reply) =>
      reply
        .type('image/png')
        // Personal data: no cache keeps a copy.
        .header('cache-control', 'no-store')
        .send(services.jobActions.preview(request.params.id)),
  );
}
