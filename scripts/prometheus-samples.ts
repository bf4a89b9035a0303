/** The Prometheus text format's sample lines, for benchmarks and tests that read `/metrics`. */

/** One sample line of the Prometheus text format. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const LINE = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g;

export function parseSamples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = LINE.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(LABEL)].map((m) => [m[1], m[2]]));
      return { name: match[1] ?? '', labels, value: Number(match[3]) };
    });
}

/** A metric summed over all its labels (stations, kecamatan); `undefined` when the text has none. */
export function sumOf(text: string, name: string): number | undefined {
  const samples = parseSamples(text).filter((s) => s.name === name);
  return samples.length === 0 ? undefined : samples.reduce((sum, s) => sum + s.value, 0);
}
