import { readdirSync, readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardRoutes } from '../../src/dashboard/dashboard-routes.js';

const DIR = new URL('../../src/dashboard/', import.meta.url);

let app: FastifyInstance;
beforeAll(async () => {
  app = Fastify();
  await app.register(dashboardRoutes);
  await app.ready();
});
afterAll(() => app.close());

describe('the dashboard routes', () => {
  it('serve the page with a CSP that allows only this origin and no inline script', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    // Every script of the page is a file (an inline one would be refused by the CSP anyway).
    const scripts = response.body.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(/\bsrc="\/dashboard\/[a-z-]+\.js"/);
  });

  it('serve each asset with its content type, and revalidate by ETag', async () => {
    const js = await app.inject({ method: 'GET', url: '/dashboard/app.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('no-cache');
    expect(js.body).toBe(readFileSync(new URL('app.js', DIR), 'utf8'));
    const css = await app.inject({ method: 'GET', url: '/dashboard/style.css' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const again = await app.inject({
      method: 'GET',
      url: '/dashboard/app.js',
      headers: { 'if-none-match': String(js.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('answer 404 for anything outside the allow-list, traversal included', async () => {
    for (const url of [
      '/dashboard/../package.json',
      '/dashboard/..%2f..%2fpackage.json',
      '/dashboard/%2e%2e%2fpackage.json',
      '/dashboard/nope.js',
      '/dashboard/dashboard-routes.ts',
      '/dashboard/constructor',
      '/dashboard/__proto__',
      '/dashboard/',
    ]) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).not.toContain('"name": "cetak"');
    }
  });

  it('serve every file of the folder and every module the page imports', async () => {
    const files = readdirSync(DIR).filter((name) => name !== 'dashboard-routes.ts');
    for (const name of files) {
      const response = await app.inject({ method: 'GET', url: `/dashboard/${name}` });
      expect(response.statusCode, name).toBe(200);
      for (const [, imported] of response.body.matchAll(/from '\.\/([a-z-]+\.js)'/g)) {
        expect(files, `${name} imports ${imported}`).toContain(imported);
      }
    }
    const page = (await app.inject({ method: 'GET', url: '/' })).body;
    for (const [, linked] of page.matchAll(/(?:href|src)="\/dashboard\/([^"]+)"/g))
      expect(files).toContain(linked);
  });
});
