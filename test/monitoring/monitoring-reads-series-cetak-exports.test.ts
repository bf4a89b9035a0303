import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startTestDaemon, type TestDaemon } from '../helpers/test-daemon.js';
import { parseSamples, scrapeText } from '../metrics/scrape.js';

const dir = fileURLToPath(new URL('../../config/monitoring/', import.meta.url));
const rulesFile = `${dir}prometheus-rules.yml`;
const rules = parse(readFileSync(rulesFile, 'utf8')) as {
  groups: Array<{ rules: Array<{ record?: string; alert?: string; expr: string }> }>;
};
const dashboard = JSON.parse(readFileSync(`${dir}grafana-dashboard.json`, 'utf8')) as {
  panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
};
const ruleList = rules.groups.flatMap((group) => group.rules);
const recorded = new Set(ruleList.flatMap((rule) => (rule.record ? [rule.record] : [])));
const panelExprs = dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr));
const allExprs = [...ruleList.map((rule) => rule.expr), ...panelExprs];

/** A recording rule's name (`level:metric:operation`), which names a series the rules make. */
const RECORDING_NAME = /[a-z_]+:cetak_[a-z0-9_]+:[a-z0-9_]+/g;
/** Every exported `cetak_…` metric an expression reads (recording rules' names aside). */
const metricsRead = (expr: string) =>
  [...expr.replace(RECORDING_NAME, '').matchAll(/cetak_[a-z0-9_]+/g)].map((m) => m[0]);

function promtool(): string | undefined {
  try {
    execFileSync('promtool', ['--version'], { stdio: 'pipe' });
    return undefined;
  } catch {
    return 'promtool is not installed (apt-get install prometheus)';
  }
}
const missing = promtool();
if (missing) console.warn(`skipping the promtool checks: ${missing}`);

describe('config/monitoring', () => {
  let test: TestDaemon;
  let exported: Set<string>;
  beforeAll(async () => {
    // The shipped default config, freshly started: no job has run, so only series initialised at
    // start-up are there, which is what a quiet office's Prometheus sees.
    const config = parse(
      readFileSync(fileURLToPath(new URL('../../config/default.yaml', import.meta.url)), 'utf8'),
    );
    test = await startTestDaemon({ config });
    exported = new Set(parseSamples((await scrapeText(test)).text).map((sample) => sample.name));
  });
  afterAll(() => test?.dispose());

  it('reads only series a freshly started daemon exports, or that the rules record', () => {
    const absent = [...new Set(allExprs.flatMap(metricsRead))].filter((name) => !exported.has(name));
    expect(absent).toEqual([]);
    const recordingNamesUsed = panelExprs.flatMap((expr) => [
      ...expr.matchAll(/[a-z_]+:cetak_[a-z0-9_]+:[a-z0-9_]+/g),
    ]);
    for (const [name] of recordingNamesUsed) expect(recorded, name).toContain(name);
  });

  it('names recording rules level:metric:operation and has a city view of at least 6 queries', () => {
    for (const name of recorded) expect(name).toMatch(/^[a-z_]+:cetak_[a-z0-9_]+:[a-z0-9_]+$/);
    expect(panelExprs.length).toBeGreaterThanOrEqual(6);
    const alerts = ruleList.flatMap((rule) => (rule.alert ? [rule.alert] : []));
    expect(alerts).toEqual(
      expect.arrayContaining([
        'CetakOfficeDown',
        'CetakStationDown',
        'CetakPrinterShutOff',
        'CetakCardsSpoiled',
        'CetakBlanksLow',
        'CetakWalkInQueueNotDraining',
        'CetakDiskNearlyFull',
        'CetakKecamatanBehindTarget',
      ]),
    );
  });

  it.skipIf(missing !== undefined)('passes promtool check rules and promtool test rules', () => {
    const check = spawnSync('promtool', ['check', 'rules', rulesFile], { encoding: 'utf8' });
    expect(check.status, `${check.stdout}${check.stderr}`).toBe(0);
    const unit = spawnSync('promtool', ['test', 'rules', 'prometheus-rules.test.yml'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(unit.status, `${unit.stdout}${unit.stderr}`).toBe(0);
  });
});
