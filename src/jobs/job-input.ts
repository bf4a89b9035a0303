/**
 * Validation of the `POST /api/jobs` body.
 *
 * Issue messages end up in HTTP responses and logs, so they never repeat a
 * personal value (NIK, name, address, birth place, birth date). Only values
 * of fields drawn from a closed set (sex, kecamatan, priority, …) are echoed,
 * quoted and truncated, because seeing the bad value is what makes those errors
 * fixable — and only when the value could not itself be a name (`safeToEcho`).
 */
import { z } from 'zod';
import { safeKeyToEcho, safeToEcho } from '../util/safe-echo.js';
import { isRealDate, localIsoDate, parseNik } from './nik.js';

/** Fields of a job that are personal data and must not be logged or echoed. */
export const PERSONAL_FIELDS = [
  'nik',
  'name',
  'birthPlace',
  'birthDate',
  'address',
  'rtRw',
  'kelurahan',
  'photo',
  'signature',
  'frontImage',
] as const;

/** Blood types accepted on the card; `-` means unknown. */
export const BLOOD_TYPES = [
  'A',
  'B',
  'AB',
  'O',
  'A+',
  'A-',
  'B+',
  'B-',
  'AB+',
  'AB-',
  'O+',
  'O-',
  '-',
] as const;

/** Queue priorities; walk-in applicants are waiting at the counter. */
export const PRIORITIES = ['walk-in', 'backlog'] as const;

/** `validUntil` value for cards that never expire. */
export const LIFETIME_VALIDITY = 'SEUMUR HIDUP';

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const RT_RW_PATTERN = /^\d{3}\/\d{3}$/;
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;
const ECHO_LIMIT = 40;
/** Fields the NIK cross-check reads; it only runs once each of them is valid on its own. */
const IDENTITY_FIELDS: readonly PropertyKey[] = ['nik', 'birthDate', 'sex'];

/**
 * Builds the schema for a job body.
 *
 * @param kecamatanIds ids of the kecamatan offices this daemon serves.
 * @param today clock for the "not in the future" and NIK century rules,
 *   read on every parse so a long-running daemon never goes stale.
 */
export function makeJobInputSchema(kecamatanIds: readonly string[], today: () => Date) {
  const known = new Set(kecamatanIds);
  const knownList = kecamatanIds.length > 0 ? kecamatanIds.join(', ') : 'none';

  return z
    .strictObject(
      {
        nik: requiredString('nik')
          .superRefine((nik, ctx) => {
            const result = parseNik(nik, today());
            if (!result.ok) ctx.addIssue(`nik: ${result.reason}`);
          })
          // For the OpenAPI document only: the refinement above is what checks it.
          .meta({
            pattern: '^[0-9]{16}$',
            description:
              'Region code, birth date (day + 40 for women), serial; must agree with birthDate and sex',
          }),
        name: text('name', 80),
        birthPlace: text('birthPlace', 60),
        birthDate: requiredString('birthDate')
          .superRefine((date, ctx) => {
            const problem = isoDateProblem('birthDate', date);
            if (problem !== undefined) ctx.addIssue(problem);
            else if (date > localIsoDate(today())) ctx.addIssue('birthDate must not be in the future');
          })
          .meta({ format: 'date' }),
        sex: oneOf('sex', ['L', 'P']),
        address: text('address', 120),
        kecamatan: requiredString('kecamatan')
          .refine((id) => known.has(id), {
            error: (iss) => `unknown kecamatan ${echo(iss.input)} (known: ${knownList})`,
          })
          .meta({ enum: [...kecamatanIds], description: 'A kecamatan id from the config' }),
        religion: text('religion', 30),
        maritalStatus: text('maritalStatus', 30),
        occupation: text('occupation', 60),
        citizenship: text('citizenship', 10),
        bloodType: oneOf('bloodType', BLOOD_TYPES).optional(),
        rtRw: requiredString('rtRw').regex(RT_RW_PATTERN, 'rtRw must look like 001/002').optional(),
        kelurahan: text('kelurahan', 60).optional(),
        // The card's header; the layout's site defaults stand in when the record has none.
        province: text('province', 60).optional(),
        regency: text('regency', 60).optional(),
        // Images as base64 PNG or JPEG (src/render/card-images.ts decodes them at intake). A whole
        // job must stay under the status port's 1 MiB body limit.
        photo: base64Image('photo', 300_000).optional(),
        signature: base64Image('signature', 100_000).optional(),
        /** A ready-made front from upstream, printed instead of the layout. */
        frontImage: base64Image('frontImage', 600_000).optional(),
        validUntil: requiredString('validUntil')
          .superRefine((value, ctx) => {
            if (value !== LIFETIME_VALIDITY && isoDateProblem('validUntil', value) !== undefined) {
              ctx.addIssue(`validUntil must be a real YYYY-MM-DD date or "${LIFETIME_VALIDITY}"`);
            }
          })
          .default(LIFETIME_VALIDITY),
        priority: oneOf('priority', PRIORITIES).default('backlog'),
        requestId: requiredString('requestId')
          .regex(REQUEST_ID_PATTERN, 'requestId must be 1-100 characters of A-Z a-z 0-9 . _ : -')
          .optional(),
      },
      {
        error: (iss) => {
          if (iss.code === 'unrecognized_keys') {
            return `unknown field${iss.keys.length === 1 ? '' : 's'} ${iss.keys.map((key) => (safeKeyToEcho(key) ? JSON.stringify(key) : 'not shown here')).join(', ')}`;
          }
          return iss.input === undefined ? 'body is required' : 'body must be a JSON object';
        },
      },
    )
    .superRefine(
      (job, ctx) => {
        const nik = parseNik(job.nik, today());
        if (!nik.ok) return;
        if (nik.parts.birthDate !== job.birthDate) {
          ctx.addIssue({
            code: 'custom',
            path: ['nik'],
            message: 'birth date in NIK does not match birthDate',
          });
        }
        if (nik.parts.sex !== job.sex) {
          ctx.addIssue({ code: 'custom', path: ['nik'], message: 'sex in NIK does not match sex' });
        }
      },
      {
        // Comparing against a field that already failed would only add a
        // confusing second issue for the same mistake.
        when: (payload) =>
          !payload.issues.some((iss) => {
            const path = iss.path ?? [];
            if (path.length === 0) return iss.code !== 'unrecognized_keys';
            return IDENTITY_FIELDS.includes(path[0] as PropertyKey);
          }),
      },
    );
}

/** A job body after validation and defaults. */
export type JobInput = z.output<ReturnType<typeof makeJobInputSchema>>;

/** A job body as a client sends it (defaulted fields may be omitted). */
export type JobInputBody = z.input<ReturnType<typeof makeJobInputSchema>>;

function requiredString(field: string) {
  return z.string({
    error: (iss) => (iss.input === undefined ? `${field} is required` : `${field} must be a string`),
  });
}

/** Free text: trimmed first so whitespace alone doesn't count as a value. */
function text(field: string, max: number) {
  const message = `${field} must be 1-${max} characters`;
  return requiredString(field).trim().min(1, message).max(max, message);
}

/** Base64 text of at most `max` characters; the image inside is checked once the job is valid. */
function base64Image(field: string, max: number) {
  return requiredString(field)
    .max(
      max,
      `${field} must be at most ${max} characters of base64 (about ${Math.floor((max * 3) / 4 / 1000)} kB)`,
    )
    .refine(isBase64, `${field} must be a base64 PNG or JPEG image`);
}

/**
 * Whether `text` is padded base64. A loop rather than a regular expression: V8 first runs a regex
 * in its interpreter, ~100 ms over a 300 kB photo, and this runs on the event loop.
 */
function isBase64(text: string): boolean {
  if (text.length % 4 !== 0) return false;
  const end = text.length - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
    if (!ok) return false;
  }
  return true;
}

/** Why `value` is not a usable `YYYY-MM-DD` date, or `undefined` if it is one. */
function isoDateProblem(field: string, value: string): string | undefined {
  const match = ISO_DATE_PATTERN.exec(value);
  if (match === null) return `${field} must be YYYY-MM-DD`;
  if (!isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) return `${field} is not a real date`;
  return undefined;
}

function oneOf<const T extends readonly [string, ...string[]]>(field: string, values: T) {
  return z.enum(values, {
    error: (iss) =>
      iss.input === undefined
        ? `${field} is required`
        : `${field} must be one of ${values.join(', ')} (got ${echo(iss.input)})`,
  });
}

/** Quotes a client-supplied value for an issue message, bounded so a huge value can't bloat responses. */
function echo(value: unknown): string {
  if (typeof value !== 'string') return value === null ? 'null' : `a value of type ${typeof value}`;
  if (!safeToEcho(value)) return 'a value not shown here';
  const clipped = value.length > ECHO_LIMIT ? `${value.slice(0, ECHO_LIMIT)}…` : value;
  return JSON.stringify(clipped);
}
