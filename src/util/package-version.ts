import { readFileSync } from 'node:fs';

/** Cetak's version, from its package.json (the OpenAPI document and `cetak_build_info` show it). */
export const PACKAGE_VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
