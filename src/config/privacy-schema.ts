import { z } from 'zod';

/** Erase an ended job's personal data the moment it ends. */
export const UNTIL_JOB_ENDS = 'until-job-ends';

/** `P7D` (days) or `PT12H` (hours): the ISO-8601 durations an office needs, nothing fancier. */
const DURATION = /^P(?:(\d{1,3})D|T(\d{1,4})H)$/;

/** At most a year: keeping residents' data longer than that is not a print room's business. */
const MAX_RETENTION_MS = 366 * 24 * 3600_000;

/** How long a duration (or `until-job-ends`) keeps personal data after a job ends, in ms. */
export function retentionMs(retain: string): number {
  if (retain === UNTIL_JOB_ENDS) return 0;
  const match = DURATION.exec(retain);
  if (!match) throw new Error(`not a retention: ${retain}`);
  return match[1] !== undefined ? Number(match[1]) * 24 * 3600_000 : Number(match[2]) * 3600_000;
}

const retentionSchema = z
  .string()
  .refine(
    (value) => value === UNTIL_JOB_ENDS || (DURATION.test(value) && retentionMs(value) <= MAX_RETENTION_MS),
    {
      error: (issue) =>
        `must be "${UNTIL_JOB_ENDS}" or a duration in days or hours such as "P7D" or "PT12H" (at most P366D), not "${String(issue.input)}"`,
    },
  );

/** What Cetak keeps of residents' personal data, and for how long (docs/privacy.md). */
export const privacySchema = z
  .strictObject({
    /**
     * How long an ended job (printed, spoiled, cancelled) keeps its card data, photo and plain NIK:
     * `until-job-ends` (default) erases them as it ends; `P7D` keeps them 7 days, `PT12H` 12 hours.
     * The NIK's keyed hash (the printed-once lock) is kept regardless.
     */
    retainPersonalData: retentionSchema.default(UNTIL_JOB_ENDS),
    /**
     * How often data past its retention is erased and the store's write-ahead log emptied (old
     * page images of erased data would otherwise linger there until overwritten).
     */
    sweepEveryMinutes: z
      .number()
      .positive()
      .max(24 * 60)
      .default(10),
  })
  .prefault({});

export type PrivacyConfig = z.output<typeof privacySchema>;
