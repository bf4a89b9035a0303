/**
 * `npm run schema:config [-- --check]`: writes config/cetak.schema.json from the config's zod
 * schema, or with `--check` exits 1 when the checked-in file differs from what the code would
 * write (a schema change without its regenerated file).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CONFIG_JSON_SCHEMA_PATH, configJsonSchemaText } from '../src/config/json-schema.js';

const target = fileURLToPath(new URL(`../${CONFIG_JSON_SCHEMA_PATH}`, import.meta.url));
const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
const text = configJsonSchemaText();

if (values.check) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing: reported below like any difference
  }
  if (current !== text) {
    process.stderr.write(`${CONFIG_JSON_SCHEMA_PATH} is out of date: run npm run schema:config\n`);
    process.exit(1);
  }
  process.stdout.write(`${CONFIG_JSON_SCHEMA_PATH} is up to date\n`);
} else {
  writeFileSync(target, text);
  process.stdout.write(`wrote ${CONFIG_JSON_SCHEMA_PATH}\n`);
}
