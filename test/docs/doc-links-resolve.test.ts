import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Documents other branches write, linked from here before they land. A link to one is checked
 * like any other once the file exists; while it does not, it is let through. Empty this list once
 * they are merged.
 */
const WRITTEN_ELSEWHERE = new Set<string>();

const documents = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** The document's lines outside fenced code blocks, with inline code spans blanked. */
function proseLines(text: string): string[] {
  let fenced = false;
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (!fenced) lines.push(line);
  }
  return lines;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes, repeats numbered. */
function anchorsOf(text: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const line of proseLines(text)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const base = heading
      .replace(/`/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** Every relative link target (`[text](target)`, images too) in prose, without code spans. */
function relativeLinks(text: string): string[] {
  const targets: string[] = [];
  for (const line of proseLines(text)) {
    const prose = line.replace(/`[^`]*`/g, '``');
    for (const match of prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = match[1] ?? '';
      if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) targets.push(target);
    }
  }
  return targets;
}

function brokenLinks(document: string): string[] {
  const text = readFileSync(join(ROOT, document), 'utf8');
  const broken: string[] = [];
  for (const target of relativeLinks(text)) {
    const [path = '', anchor] = target.split('#');
    const file = path === '' ? document : relative(ROOT, join(ROOT, dirname(document), decodeURI(path)));
    if (!existsSync(join(ROOT, file))) {
      if (!WRITTEN_ELSEWHERE.has(file)) broken.push(`${document}: ${target} (no file ${file})`);
      continue;
    }
    if (
      anchor !== undefined &&
      file.endsWith('.md') &&
      !anchorsOf(readFileSync(join(ROOT, file), 'utf8')).has(anchor)
    )
      broken.push(`${document}: ${target} (no heading #${anchor} in ${file})`);
  }
  return broken;
}

it('finds the links it checks (the README links to the docs of every reader)', () => {
  const readmeLinks = relativeLinks(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  expect(readmeLinks).toEqual(
    expect.arrayContaining(['docs/panduan-operator.md', 'docs/operations.md', 'docs/api.md']),
  );
  expect(
    anchorsOf('## The `cetak` command\n## Alerts, and what IT does\n## Alerts, and what IT does'),
  ).toEqual(new Set(['the-cetak-command', 'alerts-and-what-it-does', 'alerts-and-what-it-does-1']));
});

it.each(documents)('%s: every relative link points at a file, and at a heading there', (document) => {
  expect(brokenLinks(document)).toEqual([]);
});
