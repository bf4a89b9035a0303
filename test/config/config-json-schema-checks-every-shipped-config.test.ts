import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_JSON_SCHEMA_PATH, configJsonSchemaText } from '../../src/config/json-schema.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SHIPPED_CONFIGS = [
  'config/default.yaml',
  'config/palembang.yaml',
  'config/scenarios/reference-station.yaml',
];
const schemaText = readFileSync(resolve(root, CONFIG_JSON_SCHEMA_PATH), 'utf8');

/** ajv, not zod: the checked-in schema is judged by a validator Cetak did not write. */
function validator() {
  // Formats (`uri`) are an editor's hint here; the daemon checks them itself.
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
  return ajv.compile(JSON.parse(schemaText));
}

describe('config/cetak.schema.json', () => {
  it('is what the config schema generates today (run npm run schema:config after changing it)', () => {
    expect(schemaText).toBe(configJsonSchemaText());
  });

  it.each(SHIPPED_CONFIGS)('accepts %s and names itself on its first line for editors', (file) => {
    const text = readFileSync(resolve(root, file), 'utf8');
    const first = text.split('\n')[0] ?? '';
    const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    expect(match, `${file} first line: ${first}`).not.toBeNull();
    expect(resolve(dirname(resolve(root, file)), match?.[1] ?? '')).toBe(
      resolve(root, CONFIG_JSON_SCHEMA_PATH),
    );
    const validate = validator();
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects a misspelt key, as the daemon does', () => {
    const config = parse(readFileSync(resolve(root, 'config/default.yaml'), 'utf8'));
    config.site.dailyTaget = 160;
    const validate = validator();
    expect(validate(config)).toBe(false);
    expect(validate.errors).toContainEqual(
      expect.objectContaining({
        instancePath: '/site',
        keyword: 'additionalProperties',
        params: { additionalProperty: 'dailyTaget' },
      }),
    );
  });

  it('rejects a value of the wrong type where the daemon would', () => {
    const config = parse(readFileSync(resolve(root, 'config/default.yaml'), 'utf8'));
    config.server = { ...config.server, port: 'eighty' };
    const validate = validator();
    expect(validate(config)).toBe(false);
    expect(validate.errors?.some((error) => error.instancePath === '/server/port')).toBe(true);
  });
});
