/**
 * Deterministic generator of obviously fake residents for the simulator, tests and demos
 * (`npm run synth` prints them: `scripts/synthetic-residents.ts`).
 *
 * Names are random syllables plus a family name that is an Indonesian word
 * for "fake" or "example", so a printed test card can't be mistaken for a
 * real person's. NIKs are built from the same birth date and sex, so every
 * resident passes `makeJobInputSchema` (with `seberang-ulu-i` among the ids).
 */
import type { JobInputBody } from '../jobs/job-input.js';
import { isoDate } from '../jobs/nik.js';
import { createPrng } from '../util/prng.js';

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
