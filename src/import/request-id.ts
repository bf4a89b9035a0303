import { createHash } from 'node:crypto';

/**
 * A request id derived from a row's content: `imp-` and 24 hex digits of the SHA-256 of its fields
 * in key order (without `requestId`). Sending the same row again, from a re-sent batch or a second
 * run of the same file, is then recognised by the daemon and stores nothing new.
 */
export function contentRequestId(fields: Readonly<Record<string, unknown>>): string {
  const entries = Object.keys(fields)
    .filter((key) => key !== 'requestId' && fields[key] !== undefined)
    .sort()
    .map((key) => [key, fields[key]]);
  return `imp-${createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 24)}`;
}
