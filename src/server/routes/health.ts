import type { FastifyInstance } from 'fastify';
import { storeView } from '../../fleet/store-view.js';
import { statusSchemas } from '../schemas/status-schemas.js';
import type { StatusPortServices } from '../services.js';

/**
 * `GET /healthz`: the process is up and serving. `GET /readyz`: the daemon has started its fleet,
 * is not shutting down and can write its store (so it can take work); 503 otherwise, saying why.
 */
export async function healthRoutes(app: FastifyInstance, services: StatusPortServices): Promise<void> {
  app.get('/healthz', { schema: statusSchemas.healthz }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: statusSchemas.readyz }, async (_request, reply) => {
    const stations = services.status().stations;
    const printing = stations.filter((s) => !['offline', 'connecting', 'stopped', 'off'].includes(s.state));
    const ready = services.ready();
    const store = services.storeHealth.condition;
    const body = {
      status: ready ? 'ready' : 'not-ready',
      // What a monitor shows beside the 503: the store's trouble (`disk full: 0.2 MB free, need 1 MB`).
      ...(!ready && { reason: store.ok ? 'starting or stopping' : store.reason }),
      stations: { total: stations.length, reachable: printing.length },
      store: storeView(store),
    };
    return reply.status(ready ? 200 : 503).send(body);
  });
}
