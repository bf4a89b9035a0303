import type { z } from 'zod';
import { safeKeyToEcho } from './safe-echo.js';

/** One validation problem, with the offending field's path written the way a person would. */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

export interface FormatOptions {
  /**
   * Whether the bad value at this path may be quoted in the message. Personal data must never be
   * echoed, so callers that validate resident records answer false for those fields.
   */
  readonly echoValue?: (path: readonly PropertyKey[], value: unknown) => boolean;
}

/** `['kecamatan', 1, 'stations', 0, 'driver']` → `kecamatan[1].stations[0].driver`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? 'top level' : out;
}

/** Turns zod issues into field problems, adding the bad value where it helps and is allowed. */
export function toFieldProblems(
  error: z.ZodError,
  input: unknown,
  options: FormatOptions = {},
): FieldProblem[] {
  const echoValue = options.echoValue ?? (() => true);
  return error.issues.map((issue) => {
    const path = issue.path as PropertyKey[];
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys
        .map((key) => (safeKeyToEcho(key) ? `"${key}"` : 'a key not shown here'))
        .join(', ');
      return { path: formatPath(path), message: `unknown ${issue.keys.length > 1 ? 'keys' : 'key'} ${keys}` };
    }
    const value = valueAt(input, path);
    const message = withoutFieldName(issue.message, path);
    // Custom checks word their own messages (with the value where it helps); don't say it twice.
    const mentionsValue = issue.code === 'custom' || issue.message.includes('(got ');
    const suffix =
      value.found && !mentionsValue && echoValue(path, value.value) ? ` (got ${describe(value.value)})` : '';
    return { path: formatPath(path), message: `${message}${suffix}` };
  });
}

/** "sex must be one of L, P" under the path `sex` reads "sex: must be one of L, P", not "sex: sex …". */
function withoutFieldName(message: string, path: readonly PropertyKey[]): string {
  const name = path.at(-1);
  if (typeof name !== 'string') return message;
  for (const prefix of [`${name}: `, `${name} `])
    if (message.startsWith(prefix)) return message.slice(prefix.length);
  return message;
}

/** `path: message` lines, one per problem. */
export function problemLines(problems: readonly FieldProblem[]): string[] {
  return problems.map((p) => `${p.path}: ${p.message}`);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): { found: boolean; value?: unknown } {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key))
      return { found: false };
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value: current };
}

function describe(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'a list' : 'an object';
}
