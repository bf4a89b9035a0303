import type { FastifyInstance } from 'fastify';
import type { StatusPortServices } from '../server.js';

/** `GET /api/status`: the whole fleet at a glance. */
export async function statusRoutes(app: FastifyInstance, services: StatusPortServices): Promise<void> {
  app.get('/api/status', async () => services.status());
}
