/**
 * `node --import tsx scripts/dashboard-screenshot.ts [--out docs/dashboard.png] [--speed 100]`:
 * starts a daemon on the default emulated fleet (two printers) with a temporary data dir, queues
 * synthetic residents (never real ones), lets it print for 90 emulated minutes so the
 * temperature charts have history, queues a few walk-ins and saves the dashboard as seen on a
 * 1366×768 office monitor. Needs /usr/bin/chromium (Debian package `chromium`).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { hasChromium, launchChromium } from '../test/helpers/browser.js';
import { spawnDaemon } from '../test/helpers/spawn-daemon.js';
import { buildDist } from './build-dist.js';
import { syntheticResidents } from './synthetic-residents.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'docs/dashboard.png' },
    speed: { type: 'string', default: '100' },
  },
});
// Relative to the repository, wherever the script is run from.
const out = resolve(fileURLToPath(new URL('..', import.meta.url)), values.out);
/** Emulated minutes of printing before the picture: most of the chart's two hours. */
const HISTORY_MINUTES = 90;

interface Status {
  now: string;
  stations: Array<{ currentJob: string | null }>;
}

if (!hasChromium) {
  process.stderr.write('dashboard-screenshot: needs /usr/bin/chromium (apt-get install chromium)\n');
  process.exit(69);
}

const dir = mkdtempSync(join(tmpdir(), 'cetak-screenshot-'));
buildDist();
const daemon = await spawnDaemon(['--data-dir', dir, '--port', '0', '--speed', values.speed]);
const browser = await launchChromium();
try {
  const started = Date.parse((await daemon.get<Status>('/api/status')).now);
  const residents = syntheticResidents(300, 11);
  const [backlog, walkIns] = [residents.slice(0, 292), residents.slice(292)];
  await daemon.post('/api/jobs/batch', { jobs: backlog });

  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
  });
  const page = await context.newPage();
  const token = readFileSync(join(dir, 'token'), 'utf8').trim();
  await page.goto(`${daemon.url}/#token=${token}`);

  process.stderr.write(`printing for ${HISTORY_MINUTES} emulated minutes…\n`);
  await daemon.waitFor<Status>(
    '/api/status',
    (s) =>
      Date.parse(s.now) - started >= HISTORY_MINUTES * 60_000 &&
      s.stations.some((station) => station.currentJob !== null),
    120_000,
  );
  // Walk-ins arrive: the queue shows them with their expected times.
  for (const resident of walkIns) await daemon.post('/api/jobs', { ...resident, priority: 'walk-in' });
  await page
    .getByTestId('walkin-eta')
    .first()
    .waitFor({ timeout: 5_000 })
    .catch(() => process.stderr.write('no walk-in left in the queue to show; taking the picture anyway\n'));
  await sleep(300);
  await page.screenshot({ path: out });
  process.stderr.write(`saved ${out}\n`);
} finally {
  await browser.close();
  await daemon.stop('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
