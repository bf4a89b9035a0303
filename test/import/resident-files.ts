import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { syntheticResident } from '../../scripts/synthetic-residents.js';
import { JOB_COLUMNS } from '../../src/import/job-columns.js';

/** One CSV cell, quoted when it must be (RFC 4180): commas, quotes, line breaks, edge spaces. */
export function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One CSV record (no line end). */
export function csvRecord(cells: readonly string[]): string {
  return cells.map(csvCell).join(',');
}

/** The kinds of bad row the generated files contain, each with the daemon's reason. */
export const BAD_ROW_KINDS = [
  { name: 'bad sex', reason: /^sex: /, apply: (r: Record<string, string>) => ({ ...r, sex: 'X' }) },
  {
    name: 'NIK birth date not real',
    reason: /^nik: birth date part is not a real date$/,
    // Day 35 of the month: no such date, for men or (with 40 added) women.
    apply: (r: Record<string, string>) => ({ ...r, nik: `${r.nik?.slice(0, 6)}35${r.nik?.slice(8)}` }),
  },
  {
    name: 'no name',
    reason: /^name: is required$/,
    apply: (r: Record<string, string>) => ({ ...r, name: '' }),
  },
  {
    name: 'unknown kecamatan',
    reason: /^kecamatan: unknown kecamatan/,
    apply: (r: Record<string, string>) => ({ ...r, kecamatan: 'kecamatan-fiktif' }),
  },
] as const;

export interface ResidentFileOptions {
  readonly count: number;
  /** Every `badEvery`-th row (the last of each group) is bad; 0 for none. */
  readonly badEvery?: number;
  readonly seed?: number;
  readonly lineEnd?: '\n' | '\r\n';
}

export interface ResidentFileSummary {
  readonly good: number;
  /** Line numbers (the header is line 1) of the bad rows. */
  readonly badLines: number[];
  /** A few NIKs and names of bad rows, to check the output never shows them. */
  readonly badSamples: string[];
}

/**
 * Writes `count` synthetic residents as CSV with every job column in the header, streaming. NIKs
 * are unique (the generator's serial repeats every 9,999 seeds, so a rare repeat is skipped).
 * Some addresses carry a comma and quotes, so quoting is exercised.
 */
export async function writeResidentsCsv(
  file: string,
  options: ResidentFileOptions,
): Promise<ResidentFileSummary> {
  const { count, badEvery = 0, seed = 1, lineEnd = '\n' } = options;
  const out = createWriteStream(file);
  const niks = new Set<string>();
  const badLines: number[] = [];
  const badSamples: string[] = [];
  let chunk = `${csvRecord(JOB_COLUMNS)}${lineEnd}`;
  let next = seed;
  for (let i = 0; i < count; i++) {
    let resident = syntheticResident(next++) as Record<string, string>;
    while (niks.has(resident.nik as string)) resident = syntheticResident(next++) as Record<string, string>;
    niks.add(resident.nik as string);
    if (i % 7 === 3) resident = { ...resident, address: `${resident.address}, "BLOK ${i % 5}"` };
    const line = i + 2;
    if (badEvery > 0 && i % badEvery === badEvery - 1) {
      const kind = BAD_ROW_KINDS[badLines.length % BAD_ROW_KINDS.length];
      if (kind === undefined) throw new Error('no bad row kinds');
      if (badSamples.length < 20) badSamples.push(resident.nik as string, resident.name as string);
      resident = kind.apply(resident);
      badLines.push(line);
    }
    chunk += `${csvRecord(JOB_COLUMNS.map((c) => resident[c] ?? ''))}${lineEnd}`;
    if (chunk.length > 256 * 1024) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return { good: count - badLines.length, badLines, badSamples };
}
