import type { FastifyInstance } from 'fastify';
import { storeView } from '../../fleet/store-view.js';
import type { StatusPortServices } from '../server.js';

/**
 * `GET /healthz`: the process is up and serving. `GET /readyz`: the daemon has started its fleet,
 * is not shutting down and can write its store (so it can take work); 503 otherwise, saying why.
 */
export async function healthRoutes(app: FastifyInstance, services: StatusPortServices): Promise<void> {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const stations = services.status().stations;
    const printing = stations.filter((s) => !['offline', 'connecting', 'stopped', 'off'].includes(s.state));
    const body = {
      status: services.ready() ? 'ready' : 'not-ready',
      stations: { total: stations.length, reachable: printing.length },
      store: storeView(services.storeHealth.condition),
    };
    return reply.status(services.ready() ? 200 : 503).send(body);
  });
}
