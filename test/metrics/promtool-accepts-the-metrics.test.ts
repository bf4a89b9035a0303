import { execFileSync, spawnSync } from 'node:child_process';
import { afterEach, expect, it } from 'vitest';
import { resident, startTestDaemon, type TestDaemon, waitForJob } from '../helpers/test-daemon.js';
import { scrapeText } from './scrape.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

/** Prometheus's own linter (Debian's `prometheus` package; CI installs it). */
function promtoolMissing(): string | undefined {
  try {
    execFileSync('promtool', ['--version'], { stdio: 'pipe' });
    return undefined;
  } catch {
    return 'promtool is not installed (apt-get install prometheus)';
  }
}
const missing = promtoolMissing();
if (missing) console.warn(`skipping: ${missing}`);

it.skipIf(missing !== undefined)(
  'passes promtool check metrics after a printed card (names, units, _total on counters only)',
  async () => {
    test = await startTestDaemon();
    const response = await test.submit(resident(1));
    await waitForJob(test, String(response.body.id), ['printed']);
    const { text } = await scrapeText(test);
    const lint = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(`${lint.stdout}${lint.stderr}`.trim()).toBe('');
    expect(lint.status).toBe(0);
  },
);
