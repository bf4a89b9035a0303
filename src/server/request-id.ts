import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

/** A client's `x-request-id` is taken only in this form: it goes into headers and log lines. */
export const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * The request's id: the client's `x-request-id` when it is {@link SAFE_REQUEST_ID}, else a fresh
 * one, so a caller can follow a request into the daemon's log and nothing it sends is echoed raw.
 */
export function requestId(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  if (typeof given === 'string' && SAFE_REQUEST_ID.test(given)) return given;
  return randomBytes(8).toString('hex');
}

/** Every answer carries its request's id back in `x-request-id`. */
export function echoRequestId(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
}
