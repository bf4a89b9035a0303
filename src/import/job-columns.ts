import { makeJobInputSchema } from '../jobs/job-input.js';
import { InputRefused } from './source-row.js';

// Built only to read the field list; kecamatan ids and the date play no part in that.
const shape = makeJobInputSchema([], () => new Date(0)).shape;

/** Every field a job may have, in the order docs/integration.md lists them. */
export const JOB_COLUMNS: readonly string[] = Object.keys(shape);

/** Fields a job must have: the schema refuses them absent. */
export const REQUIRED_COLUMNS: readonly string[] = Object.entries(shape)
  .filter(([, field]) => !field.safeParse(undefined).success)
  .map(([name]) => name);

const known = new Set(JOB_COLUMNS);
const byLowerCase = new Map(JOB_COLUMNS.map((name) => [name.toLowerCase(), name]));
/** Column names fit to repeat in a message. Anything else may be a resident's data (a file without a header). */
const PLAIN_NAME = /^[A-Za-z][A-Za-z _-]{0,39}$/;

/**
 * Refuses a CSV header that would make every row fail: unnamed, repeated or unknown columns, or a
 * required field with no column. A first row that is mostly not field names is probably data (the
 * header is missing), so its cells are not repeated.
 */
export function checkJobHeader(columns: readonly string[], line: number): void {
  const problems: string[] = [];
  const unknown = columns.filter((c) => c !== '' && !known.has(c));
  if (unknown.length > columns.length / 2) {
    throw new InputRefused(
      `line ${line}: the first row does not look like a header (${unknown.length} of ${columns.length} ` +
        `cells are not job fields); it must name the columns: ${JOB_COLUMNS.join(', ')}`,
    );
  }
  columns.forEach((column, i) => {
    if (column === '') problems.push(`column ${i + 1} has no name`);
    else if (columns.indexOf(column) !== i) problems.push(`column ${describe(column, i)} appears twice`);
  });
  unknown.forEach((column) => {
    const i = columns.indexOf(column);
    const suggestion = byLowerCase.get(column.toLowerCase().replace(/[ _-]/g, ''));
    problems.push(
      `unknown column ${describe(column, i)}${suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`}`,
    );
  });
  const missing = REQUIRED_COLUMNS.filter((name) => !columns.includes(name));
  if (missing.length > 0)
    problems.push(`no column for required field${plural(missing)} ${missing.join(', ')}`);
  if (problems.length > 0) {
    throw new InputRefused(
      `line ${line}: header: ${problems.join('; ')} (job fields: ${JOB_COLUMNS.join(', ')})`,
    );
  }
}

function describe(column: string, index: number): string {
  return PLAIN_NAME.test(column) ? `"${column}"` : `${index + 1}`;
}

function plural(items: readonly unknown[]): string {
  return items.length === 1 ? '' : 's';
}
