import type { FastifyInstance } from 'fastify';
import { PACKAGE_VERSION as version } from '../../util/package-version.js';
import { openApiDocument } from '../openapi.js';
import type { StatusPortServices } from '../services.js';

/** `GET /api/openapi.json`: the status port described from the schemas that validate it. */
export async function openApiRoutes(app: FastifyInstance, services: StatusPortServices): Promise<void> {
  // Built once: the schemas and the configured kecamatan do not change while the daemon runs.
  const document = openApiDocument(services.intake.kecamatanIds, version);
  app.get('/api/openapi.json', async () => document);
}
