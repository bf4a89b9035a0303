import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticResident } from '../../scripts/synthetic-residents.js';
import { hasChromium, launchChromium } from '../helpers/browser.js';
import { type DaemonProcess, spawnDaemon } from '../helpers/spawn-daemon.js';

const dir = mkdtempSync(join(tmpdir(), 'cetak-dashboard-'));
const dataDir = join(dir, 'data');

// Both printers drop their link as their first card is fed, so the first job — whichever station
// takes it — becomes `uncertain` without killing the daemon. The printers answer Cetak's extensions
// (temperatures for the chart) and personalise chips. A constant 30 °C room: the printers
// start cold and warm up, so the temperatures move from the first second.
const FLEET = [
  'site: { name: Dashboard test, ambient: 30, serviceHours: { open: "00:00", close: "23:59" } }',
  'kecamatan:',
  '  - id: seberang-ulu-i',
  '    name: Seberang Ulu I',
  '    stations:',
  '      - { id: sbu1-a, driver: emulator, chip: { encoder: emulated }, emulator: { extensions: true, faults: [{ fault: drop-connection, atCard: 1 }] } }',
  '      - { id: sbu1-b, driver: emulator, chip: { encoder: emulated }, emulator: { extensions: true, faults: [{ fault: drop-connection, atCard: 1 }] } }',
].join('\n');

const UI_TIMEOUT_MS = 20_000;

describe.skipIf(!hasChromium)('the dashboard in a real browser (skipped: no /usr/bin/chromium)', () => {
  let daemon: DaemonProcess;
  let browser: Browser;
  let page: Page;
  let running = false;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    writeFileSync(join(dir, 'fleet.yaml'), FLEET);
    const args = ['--config', join(dir, 'fleet.yaml'), '--data-dir', dataDir, '--port', '0', '--speed', '60'];
    [daemon, browser] = await Promise.all([spawnDaemon(args), launchChromium()]);
    running = true;
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // Until the daemon is stopped on purpose, nothing may fail: no CSP refusal, no missing file.
    page.on('console', (message) => {
      if (message.type() === 'error' && running) pageErrors.push(message.text());
    });
    page.setDefaultTimeout(UI_TIMEOUT_MS);
  }, 40_000);

  afterAll(async () => {
    await browser?.close();
    if (running) await daemon.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the fleet live, settles an uncertain card, and greys out when the daemon stops', async () => {
    const token = readFileSync(join(dataDir, 'token'), 'utf8').trim();
    await page.goto(`${daemon.url}/#token=${token}`);

    // The token moves from the address bar into storage at once.
    await expect.poll(() => page.url()).toBe(`${daemon.url}/`);
    expect(await page.evaluate("localStorage.getItem('cetak.token')")).toBe(token);

    // Both stations, as cards and as chips in the fleet strip.
    await page.locator('[data-testid="station-card"][data-station-id="sbu1-b"]').waitFor();
    const ids = async (selector: string) =>
      Promise.all((await page.locator(selector).all()).map((el) => el.getAttribute('data-station-id')));
    expect(await ids('[data-testid="station-card"]')).toEqual(['sbu1-a', 'sbu1-b']);
    expect(await ids('[data-testid="fleet-chip"]')).toEqual(['sbu1-a', 'sbu1-b']);

    // A temperature changes while we watch (the printers are warming up).
    const internal = page.locator('[data-station-id="sbu1-a"] [data-testid="temp-internal"]');
    await expect.poll(() => internal.textContent(), { timeout: UI_TIMEOUT_MS }).toMatch(/\d °C$/);
    const before = await internal.textContent();
    await expect.poll(() => internal.textContent(), { timeout: UI_TIMEOUT_MS }).not.toBe(before);

    // A card whose printer dropped the link mid-card appears among the uncertain ones…
    const resident = syntheticResident(7);
    const submitted = await daemon.post('/api/jobs', resident);
    const { id } = (await submitted.json()) as { id: string };
    const row = page.locator(`[data-testid="uncertain-job"][data-job-id="${id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(`NIK ${resident.nik.slice(0, 6)}`);
    expect(await row.textContent()).not.toContain(resident.nik);

    // The alert it raised shows its age and is acknowledged under a name; the list says who saw it.
    const alertRow = page.locator('[data-testid="alert-item"][data-code="JOB_UNCERTAIN"]').first();
    await alertRow.getByTestId('alert-ack').waitFor();
    expect(await alertRow.getByTestId('alert-age').textContent()).toMatch(/lalu/);
    await alertRow.getByTestId('alert-ack-name').fill('Siti');
    await alertRow.getByTestId('alert-ack').click();
    await expect.poll(() => alertRow.textContent()).toContain('dilihat oleh Siti');
    const acked = await daemon.get<{ alerts: Array<{ code: string; acknowledgedBy: string | null }> }>(
      '/api/alerts',
    );
    expect(acked.alerts.find((a) => a.code === 'JOB_UNCERTAIN')?.acknowledgedBy).toBe('Siti');

    // …and an operator who found it printed settles it with one click.
    await row.getByTestId('resolve-printed').click();
    await row.waitFor({ state: 'detached' });
    expect((await daemon.get<{ state: string }>(`/api/jobs/${id}`)).state).toBe('printed');

    // A resident in the backlog comes to the counter: promoted by NIK, their card shown as it will
    // print (fetched with the token, from a blob the page's CSP allows).
    for (const station of ['sbu1-a', 'sbu1-b']) await daemon.post(`/api/stations/${station}/pause`, {});
    const waiting = syntheticResident(8);
    const queued = (await (await daemon.post('/api/jobs', waiting)).json()) as { id: string };
    await page.getByTestId('promote-nik').fill(waiting.nik);
    await page.getByTestId('promote-submit').click();
    const preview = page.getByTestId('promote-preview');
    await preview.waitFor({ state: 'visible' });
    await expect
      .poll(() => page.evaluate('document.querySelector(\'[data-testid="promote-preview"]\').naturalWidth'))
      .toBe(1016);
    expect((await daemon.get<{ priority: string }>(`/api/jobs/${queued.id}`)).priority).toBe('walk-in');

    // Readable on the office monitor: nothing wider than the 1366 px window.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1366);

    // The daemon stops: the page says since when its data is stale and greys out.
    expect(await page.getByTestId('stale-banner').isVisible()).toBe(false);
    expect(await daemon.stop('SIGTERM')).toBe(0);
    running = false;
    const banner = page.getByTestId('stale-banner');
    await banner.waitFor({ state: 'visible' });
    expect(await banner.textContent()).toMatch(/Data tidak diperbarui sejak \d\d:\d\d:\d\d/);
    expect(await page.locator('body').getAttribute('class')).toContain('stale');

    // English on request, remembered, and <html lang> follows.
    await page.getByTestId('lang-switch').click();
    expect(await banner.textContent()).toMatch(/Data stale since \d\d:\d\d:\d\d/);
    expect(
      await page.evaluate("[document.documentElement.lang, localStorage.getItem('cetak.lang')]"),
    ).toEqual(['en', 'en']);

    expect(pageErrors).toEqual([]);
  }, 60_000);
});
