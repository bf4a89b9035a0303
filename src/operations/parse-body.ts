import type { z } from 'zod';
import { CetakError } from '../errors.js';
import { problemLines, toFieldProblems } from '../util/zod-issues.js';

/** Validates a request body against a schema; `REQUEST_INVALID` names every bad field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown, what: string): z.output<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  // These bodies carry no personal data except a NIK, which is never echoed.
  const problems = problemLines(
    toFieldProblems(result.error, body, { echoValue: (path) => path[0] !== 'nik' }),
  );
  throw new CetakError('REQUEST_INVALID', `${what} is not valid: ${problems.join('; ')}`, {
    details: problems,
  });
}
