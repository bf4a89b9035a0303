import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonlRows } from '../../src/import/jsonl-rows.js';
import { openRowSource, sniffFormat } from '../../src/import/row-source.js';
import type { SourceRow } from '../../src/import/source-row.js';

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function readAll(input: string | Uint8Array, size: number): Promise<SourceRow[]> {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const rows: SourceRow[] = [];
  for await (const row of jsonlRows(chunked(bytes, size))) rows.push(row);
  return rows;
}

const SECRET_NAME = 'KAZURI SINTETIKA';

describe('jsonlRows', () => {
  const input = Buffer.concat([
    Buffer.from(`\uFEFF{"a":"1"}\r\n\n   \n{"name":"${SECRET_NAME}", nik: 1}\n[1,2]\n"text"\n`),
    Buffer.from('{"a":"'),
    Buffer.from([0xff]),
    Buffer.from(`"}\n{"a":"${'x'.repeat(100 * 1024)}"}\n{"a":"ok, \\"quoted\\""}`),
  ]);
  const expected: SourceRow[] = [
    { line: 1, fields: { a: '1' } },
    { line: 4, error: 'not valid JSON (at character 29)' },
    { line: 5, error: 'not a JSON object' },
    { line: 6, error: 'not a JSON object' },
    { line: 7, error: 'not valid UTF-8' },
    { line: 8, error: 'line is longer than 64 KiB' },
    { line: 9, fields: { a: 'ok, "quoted"' } },
  ];

  for (const size of [1, 5, 64 * 1024]) {
    it(`reads good lines, skips blank ones and rejects bad ones alone (chunks of ${size})`, async () => {
      const rows = await readAll(input, size);
      expect(rows).toEqual(expected);
      expect(JSON.stringify(rows)).not.toContain(SECRET_NAME);
    });
  }
});

describe('openRowSource', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cetak-rows-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('picks the format by extension, then by the first character that is not a space', async () => {
    expect((await openRowSource(file('a.csv', '{"looks":"json"}\n'))).format).toBe('csv');
    expect((await openRowSource(file('a.ndjson', 'a,b\n'))).format).toBe('jsonl');
    expect((await openRowSource(file('a.JSONL', 'a,b\n'))).format).toBe('jsonl');
    expect(await sniffFormat(file('a.txt', '\uFEFF \n\t{"a":"1"}\n'))).toBe('jsonl');
    expect(await sniffFormat(file('b.txt', 'nik,name\n'))).toBe('csv');
    expect(await sniffFormat(file('empty', ''))).toBe('csv');
  });

  it('counts the bytes read against the file size as rows are consumed', async () => {
    const path = file('rows.jsonl', '{"a":"1"}\n{"a":"2"}\n');
    const source = await openRowSource(path);
    expect(source.size).toBe(20);
    expect(source.bytesRead()).toBe(0);
    const rows: SourceRow[] = [];
    for await (const row of source.rows) rows.push(row);
    expect(rows).toEqual([
      { line: 1, fields: { a: '1' } },
      { line: 2, fields: { a: '2' } },
    ]);
    expect(source.bytesRead()).toBe(20);
  });
});
