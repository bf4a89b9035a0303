import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { CetakError } from '../errors.js';
import { fromPackageRoot } from '../util/package-root.js';
import { formatPath, problemLines, toFieldProblems } from '../util/zod-issues.js';
import { deepFreeze } from './deep-freeze.js';
import { type Config, configSchema, referenceIssues } from './schema.js';

/** The embedded default: one kecamatan with two emulated stations, so `npm start` needs no hardware. */
export const DEFAULT_CONFIG_PATH = fromPackageRoot('config', 'default.yaml');

/** Validates an already-parsed config object and freezes it. Throws `CONFIG_INVALID` listing every problem. */
export function parseConfig(raw: unknown, source = 'config'): Readonly<Config> {
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const lines = problemLines(toFieldProblems(result.error, raw));
    // zod stops before whole-config checks when a field is wrong; run them anyway so the operator
    // sees every problem in one go instead of one per restart.
    for (const issue of referenceIssues(raw)) {
      const line = `${formatPath(issue.path)}: ${issue.message}`;
      if (!lines.includes(line)) lines.push(line);
    }
    throw new CetakError('CONFIG_INVALID', `${source} is not valid:\n  ${lines.join('\n  ')}`, {
      details: lines,
    });
  }
  return deepFreeze(result.data);
}

/** Reads, parses and validates a YAML config file. */
export function loadConfig(path: string = DEFAULT_CONFIG_PATH): Readonly<Config> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error);
    throw new CetakError('CONFIG_UNREADABLE', `cannot read config ${path}: ${reason}`, { cause: error });
  }
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    const lines = document.errors.map((e) => e.message.split('\n')[0] ?? e.message);
    throw new CetakError('CONFIG_INVALID', `${path} is not valid YAML:\n  ${lines.join('\n  ')}`, {
      details: lines,
    });
  }
  return parseConfig(document.toJS(), path);
}
