import { parseSamples, type Sample } from '../../scripts/prometheus-samples.js';
import type { TestDaemon } from '../helpers/test-daemon.js';

export { parseSamples, type Sample };

/** `GET /metrics` without a token (reads are open on loopback, as `inject()` is). */
export async function scrapeText(test: TestDaemon): Promise<{ status: number; type: string; text: string }> {
  const response = await test.daemon.server.inject({ method: 'GET', url: '/metrics' });
  return { status: response.statusCode, type: String(response.headers['content-type']), text: response.body };
}

/** The samples of a scrape. */
export async function scrape(test: TestDaemon): Promise<Sample[]> {
  return parseSamples((await scrapeText(test)).text);
}

/** The value of the one sample with this name whose labels include `labels`; throws if not exactly one. */
export function sampleValue(
  samples: readonly Sample[],
  name: string,
  labels: Record<string, string> = {},
): number {
  const found = samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  if (found.length !== 1)
    throw new Error(`${found.length} samples of ${name} ${JSON.stringify(labels)}, expected one`);
  return (found[0] as Sample).value;
}

/** Samples of one metric. */
export function samplesOf(samples: readonly Sample[], name: string): Sample[] {
  return samples.filter((s) => s.name === name);
}
