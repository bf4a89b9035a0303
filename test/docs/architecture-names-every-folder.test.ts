import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOC = 'docs/architecture.md';

/**
 * The folders docs/architecture.md gives a paragraph each: every directory directly under `src/` and
 * `drivers/`, and the protocol module both drivers share (a boundary of the import rules).
 */
function foldersToDocument(): string[] {
  const children = (parent: string) =>
    readdirSync(join(ROOT, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${parent}/${entry.name}/`);
  return [...children('src'), ...children('drivers'), 'drivers/evolis/protocol/'];
}

/** The folders the document has a paragraph for, one that opens with the folder in bold: ``**`src/clock/`.**``. */
function foldersWithAParagraph(doc: string): Set<string> {
  const opened = [...doc.matchAll(/^\*\*`((?:src|drivers)\/[^`]+\/)`\.\*\*\s/gm)];
  return new Set(opened.map((match) => match[1] ?? ''));
}

/**
 * Every `src/…` or `drivers/…` path the document writes, prose, code spans and the diagram alike.
 * A placeholder (`drivers/<name>/`) is not a path; a sentence's full stop is not part of one.
 */
function pathsNamed(doc: string): string[] {
  const found = doc.matchAll(/(?<![\w./-])(?:src|drivers)\/[\w.-]+(?:\/[\w.-]+)*\/?/g);
  return [...new Set([...found].map((match) => match[0].replace(/[.,]+$/, '')))];
}

function problemsOf(doc: string, folders: readonly string[]): string[] {
  const paragraphs = foldersWithAParagraph(doc);
  return [
    ...folders.filter((folder) => !paragraphs.has(folder)).map((folder) => `no paragraph for ${folder}`),
    ...pathsNamed(doc)
      .filter((path) => !existsSync(join(ROOT, path)))
      .map((path) => `names ${path}, which does not exist`),
  ];
}

describe(DOC, () => {
  const doc = readFileSync(join(ROOT, DOC), 'utf8');
  const folders = foldersToDocument();

  it('has a paragraph for every folder under src/ and drivers/, and names only paths that exist', () => {
    expect(folders).toEqual(expect.arrayContaining(['src/clock/', 'src/station/', 'drivers/evolis/']));
    expect(problemsOf(doc, folders)).toEqual([]);
  });

  it("notices a folder's paragraph taken out, and a path that is not there", () => {
    const withoutClock = doc.replace(/^\*\*`src\/clock\/`\.\*\*[\s\S]*?\n\n/m, '');
    expect(withoutClock).not.toEqual(doc);
    expect(problemsOf(withoutClock, folders)).toEqual(['no paragraph for src/clock/']);

    const stale = `${doc}\nThe queue lives in \`src/queue/job-queue.ts\`, see src/station/old-loop.ts.\n`;
    expect(problemsOf(stale, folders)).toEqual([
      'names src/queue/job-queue.ts, which does not exist',
      'names src/station/old-loop.ts, which does not exist',
    ]);
  });

  it('reads paths the way the document writes them', () => {
    expect(pathsNamed('see `drivers/<name>/`, then src/clock/clock.ts. And dist/src/bin/cetakd.js')).toEqual([
      'src/clock/clock.ts',
    ]);
    const opening =
      '**`src/util/`.** Helpers.\n\n**`drivers/evolis/protocol/`.** Framing.\n\nSee **`src/log/`.** too.';
    expect([...foldersWithAParagraph(opening)]).toEqual(['src/util/', 'drivers/evolis/protocol/']);
  });
});
