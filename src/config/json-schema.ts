import { z } from 'zod';
import { configSchema } from './schema.js';

/** Where the schema is checked in, relative to the repository (and to an installed package). */
export const CONFIG_JSON_SCHEMA_PATH = 'config/cetak.schema.json';

/**
 * The config file's JSON Schema, derived from the zod schema the daemon validates with, so that an
 * editor (VS Code's YAML extension, via the `yaml-language-server` line at the top of each config)
 * completes keys and underlines a misspelt one before the daemon ever reads the file. It describes
 * the file as written (`io: 'input'`): keys with defaults are optional. Checks that JSON Schema
 * cannot say (a station's kecamatan exists, time zones are known) stay the daemon's.
 */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, {
    io: 'input',
    target: 'draft-2020-12',
    // A refinement or transform (the reference checks, the built-in profiles) has no JSON Schema
    // form; the shape around it still does.
    unrepresentable: 'any',
  });
  return {
    $schema: schema.$schema,
    $id: 'https://cetak.invalid/config/cetak.schema.json',
    title: 'Cetak daemon configuration',
    description:
      'A Cetak config file (YAML). Generated from src/config/schema.ts by `npm run schema:config`; do not edit by hand.',
    ...schema,
  };
}

/** The schema as the checked-in file holds it. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
