import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { createJsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { OpenAPIV3_1 } from 'openapi-types';
import { PACKAGE_VERSION } from '../util/package-version.js';

/** Where Swagger UI is served; its files come from the package, never from a CDN. */
export const DOCS_PREFIX = '/api/docs';

/** Routes that are pages, not API: the dashboard and the docs UI itself. */
export function isUndocumentedRoute(url: string): boolean {
  return url === '/' || url.startsWith('/dashboard') || url.startsWith(DOCS_PREFIX);
}

const zodToJson = createJsonSchemaTransform({
  // A refinement or transform has no JSON Schema form: it is left out, not an error.
  zodToJsonConfig: { unrepresentable: 'any' },
});

/**
 * Makes the status port describe itself: each route carries zod schemas (`src/server/schemas/`)
 * and `@fastify/swagger` builds the OpenAPI document from them, so it cannot drift from the
 * routes. The schemas are documentation only at run time: handlers validate their own input
 * with the same zod schemas (their messages name the field and value), and answers are sent
 * with plain `JSON.stringify`, so a response schema can never strip a field a client reads nor
 * turn a slightly different answer into a 500. Called on the root instance, before the routes:
 * the compilers and swagger's route collector apply to what is registered after them.
 */
export function installOpenApi(app: FastifyInstance): void {
  app.setValidatorCompiler(() => () => true);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Cetak status port',
        version: PACKAGE_VERSION,
        description:
          'Drives the KTP-el card printers of a kecamatan office. Reads are open on loopback; every change, and every request from another machine, needs `Authorization: Bearer <token>` (the token is in <data-dir>/token). Every route answers a foreign Host with 421.',
        license: { name: 'Proprietary', identifier: 'LicenseRef-Cetak-Proprietary' },
      },
      servers: [
        {
          url: 'http://{host}:{port}',
          description: 'The office PC running cetakd',
          variables: {
            host: {
              default: 'localhost',
              description: "localhost, this PC's IP address or name, or one of server.allowedHosts",
            },
            port: { default: '8787', description: 'server.port' },
          },
        },
      ],
      tags: [
        { name: 'probes', description: 'Liveness and readiness for service monitors; no token' },
        { name: 'fleet', description: 'The printers at a glance, their temperatures and live events' },
        { name: 'jobs', description: 'Submitting records, finding and settling jobs' },
        { name: 'stations', description: 'What operators do to a printer' },
        { name: 'stock', description: 'Blanks, ribbon and film: loads, books and counts' },
        { name: 'alerts', description: 'Conditions an operator should see' },
        { name: 'reports', description: 'The day’s numbers' },
        { name: 'monitoring', description: 'Prometheus metrics' },
        { name: 'docs', description: 'This document' },
      ],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'The operator token from <data-dir>/token',
          },
          scrapeToken: {
            type: 'http',
            scheme: 'bearer',
            description:
              'The read-only scrape token (`server.scrapeToken` or <data-dir>/scrape-token): opens /metrics only',
          },
        },
      },
    },
    transform: (document) =>
      isUndocumentedRoute(document.url) ? { schema: { hide: true }, url: document.url } : zodToJson(document),
    transformObject: (document) =>
      withoutUnusedSchemas(jsonSchemaTransformObject(document) as Partial<OpenAPIV3_1.Document>),
  });
  app.register(swaggerUi, { routePrefix: DOCS_PREFIX, logLevel: 'warn' });
}

/**
 * The zod registry yields an input and an output form of every named schema; a client generator
 * needs only those the paths reach, so the rest are dropped (each pass can orphan more).
 */
function withoutUnusedSchemas(document: Partial<OpenAPIV3_1.Document>): Partial<OpenAPIV3_1.Document> {
  const schemas = { ...document.components?.schemas };
  for (let dropped = true; dropped; ) {
    dropped = false;
    const text = JSON.stringify({ ...document, components: { ...document.components, schemas } });
    for (const name of Object.keys(schemas)) {
      if (!text.includes(`"#/components/schemas/${name}"`)) {
        delete schemas[name];
        dropped = true;
      }
    }
  }
  return { ...document, components: { ...document.components, schemas } };
}
