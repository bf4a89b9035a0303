import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../src/config/load-config.js';

/** Where the configuration reference lives (the README links to it). */
const doc = readFileSync(fileURLToPath(new URL('../../docs/configuration.md', import.meta.url)), 'utf8');

/** docs/configuration.md's table of keys: `| \`a.b\`, \`a.c\` | \`1\`, \`2\` | meaning |` rows. */
function documentedDefaults(): Array<{ key: string; value: unknown }> {
  const table = doc.slice(doc.indexOf('| key '), doc.indexOf('\n\n', doc.indexOf('| key ')));
  const found: Array<{ key: string; value: unknown }> = [];
  for (const row of table.split('\n').slice(2)) {
    const [keys = '', values = ''] = row
      .split('|')
      .slice(1, 3)
      .map((cell) => cell.trim());
    const keyList = [...keys.matchAll(/`([a-zA-Z.]+)`/g)].map((m) => m[1] ?? '');
    const valueList = [...values.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');
    // Only plain keys with one literal each (not `kecamatan[]…`, not "site's" or "generated into …").
    const literal = values.replace(/`[^`]*`/g, '').replace(/[,\s]/g, '') === '';
    if (keyList.length === 0 || keyList.length !== valueList.length || keys.includes('[]') || !literal)
      continue;
    keyList.forEach((key, i) => {
      found.push({ key, value: parse(valueList[i] ?? '') });
    });
  }
  return found;
}

const valueAt = (config: unknown, key: string) =>
  key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], config);

it('says the defaults the code applies (docs/configuration.md against the schema)', () => {
  const config = parseConfig(
    { kecamatan: [{ id: 'k', name: 'K', stations: [{ id: 's', driver: 'emulator-direct' }] }] },
    'a config with nothing but one station',
  );
  const rows = documentedDefaults();
  expect(rows.length).toBeGreaterThanOrEqual(15);
  const wrong = rows
    .filter(({ key, value }) => JSON.stringify(valueAt(config, key)) !== JSON.stringify(value))
    .map(
      ({ key, value }) =>
        `${key}: docs/configuration.md says ${JSON.stringify(value)}, the code ${JSON.stringify(valueAt(config, key))}`,
    );
  expect(wrong).toEqual([]);
});
