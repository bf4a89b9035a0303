import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { access, json, probeErrors } from '../schemas/common.js';

const document = z
  .looseObject({
    openapi: z.string(),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.record(z.string(), z.looseObject({ operationId: z.string() }))),
  })
  .describe('An OpenAPI 3.1 document')
  .meta({
    examples: [{ openapi: '3.1.0', info: { title: 'Cetak status port', version: '0.1.0' }, paths: {} }],
  });

/**
 * `GET /api/openapi.json`: the status port described from the zod schemas its routes carry
 * (`src/server/openapi.ts`). Open like `/api/docs`, which reads it: it describes the API and holds
 * no personal data.
 */
export async function openApiRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/openapi.json',
    {
      schema: {
        operationId: 'getOpenApiDocument',
        summary: 'This OpenAPI document',
        tags: ['docs'],
        ...access.open,
        response: { 200: json('The document', document), ...probeErrors() },
      },
    },
    // Built once by @fastify/swagger, on the first call: the routes do not change while it runs.
    async () => app.swagger(),
  );
}
