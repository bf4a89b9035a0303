/**
 * Deterministic generator of obviously fake residents for tests and demos.
 *
 * Names are random syllables plus a family name that is an Indonesian word
 * for "fake" or "example", so a printed test card can't be mistaken for a
 * real person's. NIKs are built from the same birth date and sex, so every
 * resident passes `makeJobInputSchema` (with `seberang-ulu-i` among the ids).
 *
 *   tsx scripts/synthetic-residents.ts [--count N] [--seed S] [--kecamatan ID]
 *
 * prints one JSON object per line.
 */
import { pathToFileURL } from 'node:url';
import type { JobInputBody } from '../src/jobs/job-input.js';
import { isoDate } from '../src/jobs/nik.js';
import { createPrng } from '../src/util/prng.js';

/** A generated job body; every optional field that a real KTP shows is filled in. */
export type SyntheticResident = JobInputBody;

/** Kecamatan used when no override is given. */
export const DEFAULT_SYNTHETIC_KECAMATAN = 'seberang-ulu-i';

const PROVINCE_SUMATERA_SELATAN = '16';
const REGENCY_PALEMBANG = '71';
const DISTRICT_CODES = ['01', '02', '03', '04', '05', '06', '07', '08'] as const;
const SYLLABLES = [
  'ka',
  'ri',
  'mo',
  'zu',
  'pe',
  'la',
  'vo',
  'ti',
  'ne',
  'qa',
  'ru',
  'xe',
  'do',
  'fi',
] as const;
const FAMILY_NAMES = ['SINTETIKA', 'CONTOHWATI', 'FIKTIFA', 'REKAAN', 'UJICOBA'] as const;
const BIRTH_PLACES = ['PALEMBANG', 'PRABUMULIH', 'LUBUKLINGGAU', 'BATURAJA', 'LAHAT'] as const;
const STREETS = ['JL. CONTOH', 'JL. FIKTIF', 'JL. UJI COBA', 'LRG. SINTETIS'] as const;
const KELURAHAN = ['TANGGA TAKAT', 'SENTOSA', 'ULU', 'SILABERANTI'] as const;
const RELIGIONS = ['ISLAM', 'KRISTEN', 'KATOLIK', 'HINDU', 'BUDDHA', 'KONGHUCU'] as const;
const MARITAL_STATUSES = ['BELUM KAWIN', 'KAWIN', 'CERAI HIDUP', 'CERAI MATI'] as const;
const OCCUPATIONS = [
  'PELAJAR/MAHASISWA',
  'WIRASWASTA',
  'KARYAWAN SWASTA',
  'PEDAGANG',
  'PETANI/PEKEBUN',
] as const;
const BLOOD_TYPES = ['A', 'B', 'AB', 'O', 'O+', '-'] as const;

const FIRST_BIRTH_DAY = Date.UTC(1950, 0, 1);
const LAST_BIRTH_DAY = Date.UTC(2008, 11, 31);
const MS_PER_DAY = 86_400_000;

/**
 * The resident for `seed`. The NIK is derived from the final `birthDate` and
 * `sex` (after overrides), so overriding either keeps the NIK consistent;
 * override `nik` itself to build a deliberately mismatched body.
 */
export function syntheticResident(
  seed: number,
  overrides: Partial<SyntheticResident> = {},
): SyntheticResident {
  const random = createPrng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

  const birthDate = overrides.birthDate ?? randomBirthDate(random);
  const sex = overrides.sex ?? (random() < 0.5 ? 'L' : 'P');
  const district = pick(DISTRICT_CODES);
  const syllableCount = 2 + Math.floor(random() * 2);
  const given = Array.from({ length: syllableCount }, () => pick(SYLLABLES)).join('');

  const resident: SyntheticResident = {
    nik: buildNik(district, birthDate, sex, serialFor(seed)),
    name: `${given.toUpperCase()} ${pick(FAMILY_NAMES)}`,
    birthPlace: pick(BIRTH_PLACES),
    birthDate,
    sex,
    address: `${pick(STREETS)} NO. ${1 + Math.floor(random() * 200)}`,
    rtRw: `${pad(1 + Math.floor(random() * 30), 3)}/${pad(1 + Math.floor(random() * 12), 3)}`,
    kelurahan: pick(KELURAHAN),
    kecamatan: DEFAULT_SYNTHETIC_KECAMATAN,
    religion: pick(RELIGIONS),
    maritalStatus: pick(MARITAL_STATUSES),
    occupation: pick(OCCUPATIONS),
    citizenship: 'WNI',
    bloodType: pick(BLOOD_TYPES),
  };
  return { ...resident, ...overrides };
}

/** `count` residents for seeds `seed`, `seed + 1`, …, so any one can be regenerated alone. */
export function syntheticResidents(
  count: number,
  seed: number,
  overrides: Partial<SyntheticResident> = {},
): SyntheticResident[] {
  return Array.from({ length: count }, (_, i) => syntheticResident(seed + i, overrides));
}

function randomBirthDate(random: () => number): string {
  const days = Math.floor(random() * ((LAST_BIRTH_DAY - FIRST_BIRTH_DAY) / MS_PER_DAY + 1));
  const date = new Date(FIRST_BIRTH_DAY + days * MS_PER_DAY);
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** Serial 0001–9999 straight from the seed, so consecutive seeds get distinct NIKs. */
function serialFor(seed: number): string {
  return pad((Math.abs(Math.trunc(seed)) % 9999) + 1, 4);
}

function buildNik(district: string, birthDate: string, sex: 'L' | 'P', serial: string): string {
  const [year = '', month = '', day = ''] = birthDate.split('-');
  // KTP convention: women's birth day is stored plus 40.
  const encodedDay = sex === 'P' ? Number(day) + 40 : Number(day);
  return `${PROVINCE_SUMATERA_SELATAN}${REGENCY_PALEMBANG}${district}${pad(encodedDay, 2)}${month}${year.slice(2)}${serial}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

interface CliOptions {
  count: number;
  seed: number;
  kecamatan: string;
}

function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { count: 10, seed: 1, kecamatan: DEFAULT_SYNTHETIC_KECAMATAN };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`missing value for ${flag}`);
    if (flag === '--count') options.count = parseInteger(flag, value, 0);
    else if (flag === '--seed') options.seed = parseInteger(flag, value, Number.MIN_SAFE_INTEGER);
    else if (flag === '--kecamatan') options.kecamatan = value;
    else throw new Error(`unknown option ${flag}`);
  }
  return options;
}

function parseInteger(flag: string, value: string, min: number): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) {
    throw new Error(`${flag} needs an integer >= ${min}`);
  }
  return n;
}

function main(): void {
  let options: CliOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(
      `${(error as Error).message}\nusage: synthetic-residents [--count N] [--seed S] [--kecamatan ID]\n`,
    );
    process.exitCode = 2;
    return;
  }
  for (const resident of syntheticResidents(options.count, options.seed, { kecamatan: options.kecamatan })) {
    process.stdout.write(`${JSON.stringify(resident)}\n`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main();
}
