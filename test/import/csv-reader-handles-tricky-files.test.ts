import { describe, expect, it } from 'vitest';
import { csvRows } from '../../src/import/csv-rows.js';
import { checkJobHeader, JOB_COLUMNS } from '../../src/import/job-columns.js';
import { InputRefused, type SourceRow } from '../../src/import/source-row.js';

/** `bytes` as a stream cut into `size`-byte chunks, so every split point gets exercised. */
async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function readAll(input: string | Uint8Array, size = 64 * 1024, checkHeader?: typeof checkJobHeader) {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const rows: SourceRow[] = [];
  for await (const row of csvRows(chunked(bytes, size), checkHeader ? { checkHeader } : {})) rows.push(row);
  return rows;
}

const big = 'x'.repeat(100 * 1024);
const CHUNK_SIZES = [1, 2, 7, 64 * 1024];

const CASES: ReadonlyArray<{ name: string; input: string | Uint8Array; rows: SourceRow[] }> = [
  {
    name: 'commas and doubled quotes inside quotes',
    input: 'a,b\n"x, y","say ""hi"""\n',
    rows: [{ line: 2, fields: { a: 'x, y', b: 'say "hi"' } }],
  },
  {
    name: 'a line break inside quotes: the next row counts its line right',
    input: 'a,b\n1,"two\nlines"\n3,4\n',
    rows: [
      { line: 2, fields: { a: '1', b: 'two\nlines' } },
      { line: 4, fields: { a: '3', b: '4' } },
    ],
  },
  {
    name: 'a bad row spanning lines is reported at its first line',
    input: 'a,b\n1,"x\r\ny\nz",extra\n3,4\n',
    rows: [
      { line: 2, error: 'has 3 fields, the header has 2' },
      { line: 5, fields: { a: '3', b: '4' } },
    ],
  },
  {
    name: 'a byte order mark is not part of the first column',
    input: '\uFEFFa,b\n1,2\n',
    rows: [{ line: 2, fields: { a: '1', b: '2' } }],
  },
  {
    name: 'CRLF, a blank line, and no line end at the end',
    input: 'a,b\r\n1,2\r\n\r\n3,4',
    rows: [
      { line: 2, fields: { a: '1', b: '2' } },
      { line: 4, fields: { a: '3', b: '4' } },
    ],
  },
  {
    name: 'lone CR line ends',
    input: 'a,b\r1,2\r3,4\r',
    rows: [
      { line: 2, fields: { a: '1', b: '2' } },
      { line: 3, fields: { a: '3', b: '4' } },
    ],
  },
  {
    name: 'blank lines, spaces-only lines and all-empty rows are skipped',
    input: '\n\na,b\n\n1,2\n   \n,\n , \n5,6\n\n',
    rows: [
      { line: 5, fields: { a: '1', b: '2' } },
      { line: 9, fields: { a: '5', b: '6' } },
    ],
  },
  {
    name: 'empty cells mean absent; cells are trimmed',
    input: 'a,b,c\n 1 ,, "3 "\n',
    rows: [{ line: 2, fields: { a: '1', c: '3' } }],
  },
  {
    name: 'a 100 KiB line is rejected alone',
    input: `a,b\n1,2\n${big},y\n3,4\n`,
    rows: [
      { line: 2, fields: { a: '1', b: '2' } },
      { line: 3, error: 'record is longer than 64 KiB' },
      { line: 4, fields: { a: '3', b: '4' } },
    ],
  },
  {
    name: 'a 100 KiB quoted record says where it ends',
    input: `a,b\n"${big}\n${big}",y\n3,4\n`,
    rows: [
      { line: 2, error: 'record is longer than 64 KiB (it runs to line 3; an unclosed quote?)' },
      { line: 4, fields: { a: '3', b: '4' } },
    ],
  },
  {
    name: 'invalid UTF-8 rejects only its row',
    input: Buffer.concat([Buffer.from('a,b\n1,2\nbad,'), Buffer.from([0xc3, 0x28]), Buffer.from('\n3,4\n')]),
    rows: [
      { line: 2, fields: { a: '1', b: '2' } },
      { line: 3, error: 'not valid UTF-8' },
      { line: 4, fields: { a: '3', b: '4' } },
    ],
  },
  {
    name: 'multi-byte UTF-8 survives any chunk split',
    input: 'a,b\n"ÄŞİ, 字",😀\n',
    rows: [{ line: 2, fields: { a: 'ÄŞİ, 字', b: '😀' } }],
  },
  {
    name: 'text after a closing quote',
    input: 'a,b\n"1"x,2\n3,4\n',
    rows: [
      { line: 2, error: 'field 1 has text after its closing quote' },
      { line: 3, fields: { a: '3', b: '4' } },
    ],
  },
  {
    name: 'spaces around a quoted cell',
    input: 'a,b\n  "1, 2"  ,"3"\t\n"5" "6",7\n',
    rows: [
      { line: 2, fields: { a: '1, 2', b: '3' } },
      { line: 3, error: 'field 1 has text after its closing quote' },
    ],
  },
  {
    name: 'a quote left open to the end of the file',
    input: 'a,b\n1,2\n3,"4\n5,6\n',
    rows: [
      { line: 2, fields: { a: '1', b: '2' } },
      { line: 3, error: 'a quoted field is not closed before the end of the file' },
    ],
  },
  {
    name: 'too few and too many cells',
    input: 'a,b\n1\n1,2,3\n',
    rows: [
      { line: 2, error: 'has 1 fields, the header has 2' },
      { line: 3, error: 'has 3 fields, the header has 2' },
    ],
  },
];

describe('csvRows', () => {
  for (const { name, input, rows } of CASES) {
    it(`reads ${name}, however the bytes are chunked`, async () => {
      for (const size of CHUNK_SIZES) expect(await readAll(input, size), `chunks of ${size}`).toEqual(rows);
    });
  }

  it('refuses a file without a header row', async () => {
    await expect(readAll('\n\n')).rejects.toThrow(InputRefused);
  });
});

describe('the job header check', () => {
  const header = (columns: readonly string[]) => `${columns.join(',')}\n`;
  const read = (text: string) => readAll(text, 64 * 1024, checkJobHeader);

  it('accepts every job field in any order', async () => {
    expect(await read(header([...JOB_COLUMNS].reverse()))).toEqual([]);
  });

  it('refuses an unknown column before any row is read, naming it and suggesting the field', async () => {
    const rows = `${header([...JOB_COLUMNS.filter((c) => c !== 'birthDate'), 'birthdate', 'hobby'])}1,2\n`;
    const error = await read(rows).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputRefused);
    expect((error as Error).message).toContain('unknown column "hobby"');
    expect((error as Error).message).toContain('unknown column "birthdate" (did you mean birthDate?)');
    expect((error as Error).message).toContain('no column for required field birthDate');
    expect((error as Error).message).toMatch(/^line 1: header: /);
  });

  it('refuses repeated and unnamed columns', async () => {
    const error = await read(header([...JOB_COLUMNS, 'nik', ''])).catch((e: unknown) => e);
    expect((error as Error).message).toContain('column "nik" appears twice');
    expect((error as Error).message).toContain(`column ${JOB_COLUMNS.length + 2} has no name`);
  });

  it('does not repeat a first row that is data rather than a header', async () => {
    const data =
      '1671053112860002,FIZUNE REKAAN,LUBUKLINGGAU,1986-12-31,L,LRG. SINTETIS NO. 92,seberang-ulu-i';
    const error = await read(`${data}\n`).catch((e: unknown) => e);
    expect((error as Error).message).toContain('does not look like a header');
    expect((error as Error).message).not.toContain('1671053112860002');
    expect((error as Error).message).not.toContain('FIZUNE');
  });
});
