import { z } from 'zod';

/** A station's `link:` block: the timing of a protocol driver's link to its printer. */
export const linkSchema = z
  .strictObject({
    /** How long to wait for a reply to an ordinary command. */
    commandTimeoutSeconds: z.number().positive().default(30),
    /** How long to wait for a card step (print, chip encode) to finish. */
    jobTimeoutSeconds: z.number().positive().default(300),
    /** How often an idle printer's status is read. */
    pollSeconds: z.number().positive().default(10),
  })
  .prefault({});

export type LinkConfig = z.output<typeof linkSchema>;
