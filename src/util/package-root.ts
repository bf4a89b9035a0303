import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The directory holding Cetak's package.json: the repository from the sources (`src/util/`) and
 * from the compiled build (`dist/src/util/`) alike. The first package.json above this file is
 * Cetak's, since the build writes none into `dist/`. Files shipped beside the code (package.json,
 * `config/`) are found from here, in this one place, so a build that moves the code moves nothing
 * else.
 */
export const PACKAGE_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** A path inside the package, e.g. `fromPackageRoot('config', 'default.yaml')`. */
export function fromPackageRoot(...parts: string[]): string {
  return join(PACKAGE_ROOT, ...parts);
}

/** Cetak's version, from its package.json (the OpenAPI document and `cetak_build_info` show it). */
export const PACKAGE_VERSION = (
  JSON.parse(readFileSync(fromPackageRoot('package.json'), 'utf8')) as { version: string }
).version;
