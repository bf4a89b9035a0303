import { z } from 'zod';

/**
 * An operator's name as they give it when they acknowledge an alert or count stock: kept with the
 * record, so letters (any script), digits, spaces and `.'-` only, at most 60 characters.
 */
export const operatorName = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `give the name of the operator who ${what}`)
    .max(60)
    .regex(/^[\p{L}\p{N} .'-]+$/u, "a name has letters, digits, spaces and . ' - only");
