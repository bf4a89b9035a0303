/**
 * NIK (Nomor Induk Kependudukan) parsing and masking.
 *
 * Layout of the 16 digits: PP RR DD ddmmyy SSSS — province, regency, district,
 * birth date (women have 40 added to the day) and a serial number.
 */

/** Exactly sixteen ASCII digits; says nothing about whether the parts are valid. */
export const NIK_PATTERN = /^\d{16}$/;

/** The fields encoded in a valid NIK. Codes keep their leading zeros. */
export interface NikParts {
  province: string;
  regency: string;
  district: string;
  /** `YYYY-MM-DD`. */
  birthDate: string;
  sex: 'L' | 'P';
  serial: string;
}

/** Result of {@link parseNik}; `reason` never contains the NIK itself. */
export type NikParseResult = { ok: true; parts: NikParts } | { ok: false; reason: string };

const FEMALE_DAY_OFFSET = 40;
const LOWEST_PROVINCE_CODE = 11;

/**
 * Masks a NIK for logs and UI: the region prefix stays, the birth date and
 * serial (which identify the person) are hidden. Anything that is not a
 * 16-digit NIK becomes `[invalid-nik]`, so a typo'd or garbage value can't
 * leak into logs either.
 */
export function maskNik(nik: string): string {
  if (typeof nik !== 'string' || !NIK_PATTERN.test(nik)) return '[invalid-nik]';
  return `${nik.slice(0, 6)}**********`;
}

/** True when year/month/day (month 1–12) name a day that exists in the Gregorian calendar. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/**
 * The calendar date of `date` as `YYYY-MM-DD`, read in the process's local
 * time zone: "today" for an office is its wall-clock date, not UTC's.
 */
export function localIsoDate(date: Date): string {
  return isoDate(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

/** Formats year/month/day as `YYYY-MM-DD`. */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/**
 * Splits and validates a NIK.
 *
 * The two-digit birth year is resolved to 20YY unless that date would be
 * after `today`, in which case it is 19YY. `today` is a parameter rather than
 * the clock so callers (and tests) decide what "now" is.
 */
export function parseNik(nik: string, today: Date): NikParseResult {
  if (typeof nik !== 'string' || !NIK_PATTERN.test(nik)) return fail('must be 16 digits');

  const province = nik.slice(0, 2);
  const regency = nik.slice(2, 4);
  const district = nik.slice(4, 6);
  const encodedDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const serial = nik.slice(12, 16);

  if (Number(province) < LOWEST_PROVINCE_CODE) return fail(`province code ${province} is not valid`);
  if (regency === '00') return fail(`regency code ${regency} is not valid`);
  if (district === '00') return fail(`district code ${district} is not valid`);

  const sex = encodedDay > FEMALE_DAY_OFFSET ? 'P' : 'L';
  const day = sex === 'P' ? encodedDay - FEMALE_DAY_OFFSET : encodedDay;
  const year = resolveCentury(yy, month, day, today);
  if (!isRealDate(year, month, day)) return fail('birth date part is not a real date');

  if (serial === '0000') return fail(`serial ${serial} is not valid`);

  return {
    ok: true,
    parts: { province, regency, district, birthDate: isoDate(year, month, day), sex, serial },
  };
}

function resolveCentury(yy: number, month: number, day: number, today: Date): number {
  const recent = 2000 + yy;
  // Zero-padded ISO strings compare in calendar order, and this works even
  // before the day is known to be real (the caller rejects it afterwards).
  return isoDate(recent, month, day) <= localIsoDate(today) ? recent : 1900 + yy;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function fail(reason: string): NikParseResult {
  return { ok: false, reason };
}
