import type { FastifyInstance } from 'fastify';
import { isCetakError } from '../errors.js';
import { HTTP_STATUS } from './http-errors.js';

/** CetakErrors answer with their code's status and a JSON body; anything else is a logged 500. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    if (isCetakError(error)) {
      const status = HTTP_STATUS[error.code];
      return reply.status(status).send({
        error: error.code,
        message: error.message,
        ...(error.details.length > 0 && { problems: error.details }),
      });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      return reply.status(status).send({ error: 'BAD_REQUEST', message: (error as Error).message });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ error: 'INTERNAL', message: 'internal error; see the daemon log' });
  });
}
