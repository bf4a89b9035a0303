import { LIFETIME_VALIDITY } from '../jobs/job-input.js';
import { localDay } from '../util/local-day.js';
import type { CardLayout } from './card-layout.js';
import type { CardValueName } from './layout-schema.js';

/** A value as printed, and the job field it comes from (the one a problem names). */
export interface CardValue {
  readonly text: string;
  readonly field: string;
}

/** When and where the card is issued: the print day, in the office's time zone. */
export interface IssueContext {
  readonly issuedAt: number;
  readonly timeZone: string;
}

/** What prints when an optional field is absent, as on cards issued today. */
const NONE = '-';

/**
 * The card's values from a job's card data (`src/jobs/job-input.ts` fields). Dates print as
 * DD-MM-YYYY, sex in words, the kecamatan id as words (`seberang-ulu-i` → `SEBERANG ULU I`: ids
 * are written from the names); the province and regency come from the job, else from the
 * layout's site defaults, and the place of issue is the regency without KOTA/KABUPATEN.
 */
export function cardValues(
  card: Readonly<Record<string, string | undefined>>,
  layout: Pick<CardLayout, 'defaults'>,
  issue: IssueContext,
): Record<CardValueName, CardValue> {
  const get = (field: string) => card[field]?.trim() || undefined;
  const value = (field: string, text: string | undefined = get(field)): CardValue => ({
    text: text ?? NONE,
    field,
  });
  const regency = get('regency') ?? layout.defaults.regency;
  const birthDate = get('birthDate');
  // Intake defaults it; a record read straight from a file may leave it out.
  const validUntil = get('validUntil') ?? LIFETIME_VALIDITY;
  return {
    nik: value('nik'),
    name: value('name'),
    birthPlaceDate: value(
      'birthPlace',
      `${get('birthPlace') ?? NONE}, ${birthDate ? dayMonthYear(birthDate) : NONE}`,
    ),
    sex: value('sex', { L: 'LAKI-LAKI', P: 'PEREMPUAN' }[get('sex') ?? ''] ?? get('sex')),
    bloodType: value('bloodType'),
    address: value('address'),
    rtRw: value('rtRw'),
    kelurahan: value('kelurahan'),
    kecamatan: value('kecamatan', get('kecamatan')?.replace(/-/g, ' ')),
    religion: value('religion'),
    maritalStatus: value('maritalStatus'),
    occupation: value('occupation'),
    citizenship: value('citizenship'),
    validUntil: value(
      'validUntil',
      /^\d{4}-\d{2}-\d{2}$/.test(validUntil) ? dayMonthYear(validUntil) : validUntil,
    ),
    province: value('province', get('province') ?? layout.defaults.province),
    regency: value('regency', regency),
    issuePlace: value('regency', regency?.replace(/^(KOTA|KABUPATEN|KAB\.)\s+/i, '')),
    issueDate: value('issueDate', issueDate(issue)),
  };
}

let lastIssue: { at: number; zone: string; text: string } | undefined;

/** The print day as DD-MM-YYYY; the last one is kept, since a whole import shares it. */
function issueDate(issue: IssueContext): string {
  if (lastIssue?.at !== issue.issuedAt || lastIssue.zone !== issue.timeZone) {
    const text = dayMonthYear(localDay(issue.issuedAt, issue.timeZone));
    lastIssue = { at: issue.issuedAt, zone: issue.timeZone, text };
  }
  return lastIssue.text;
}

/** `1986-12-31` → `31-12-1986`. */
function dayMonthYear(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}-${month}-${year}`;
}

/** A template with its values filled in; the fields it draws on, for messages. */
export function fillTemplate(
  template: string,
  values: Readonly<Record<CardValueName, CardValue>>,
): { text: string; fields: string[] } {
  // Most templates are one value alone: no need to build a string.
  if (template.charCodeAt(0) === 0x7b && template.indexOf('{', 1) === -1 && template.endsWith('}')) {
    const value = values[template.slice(1, -1) as CardValueName];
    return { text: value.text, fields: [value.field] };
  }
  const fields: string[] = [];
  const text = template.replace(/\{([^{}]*)\}/g, (_, name: CardValueName) => {
    const value = values[name];
    if (!fields.includes(value.field)) fields.push(value.field);
    return value.text;
  });
  return { text, fields };
}
