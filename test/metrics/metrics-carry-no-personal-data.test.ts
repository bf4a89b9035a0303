import { afterEach, expect, it } from 'vitest';
import { machineOf } from '../helpers/emulated-station.js';
import { resident, startTestDaemon, type TestDaemon, waitForJob } from '../helpers/test-daemon.js';
import { parseSamples, scrapeText } from './scrape.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

const FINISHED = ['printed', 'spoiled', 'uncertain', 'cancelled'];

/** Label values a fleet metric may carry: config ids and closed sets, nothing typed by a person. */
const ALLOWED = new Set([
  'sbu1-a',
  'sbu1-b',
  'seberang-ulu-i',
  'jakabaring',
  'none',
  ...['off', 'standby', 'warming', 'ready', 'printing', 'overheated', 'connecting', 'offline', 'stopped'],
  ...['internal', 'roller', 'blanks', 'ribbon', 'film', 'walk-in', 'backlog'],
  ...['overheat', 'card-jam', 'chip-error', 'ribbon-break', 'printer-reset', 'printer-error'],
  ...['operator-verdict', 'other', 'info', 'warning', 'critical'],
  ...['measured', 'estimated'],
]);

const INFO_LABELS = ['version', 'node', 'station', 'model', 'serial', 'firmware'];

it('never shows a NIK, a name, an address or a job id, whatever the residents went through', async () => {
  test = await startTestDaemon();
  const residents = Array.from({ length: 12 }, (_, i) =>
    resident(500 + i, {
      ...(i % 3 === 0 && { priority: 'walk-in' }),
      ...(i % 4 === 1 && { kecamatan: 'jakabaring' }),
    }),
  );
  const ids: string[] = [];
  for (const body of residents) {
    const response = await test.submit(body);
    expect(response.status).toBe(201);
    ids.push(String(response.body.id));
  }
  // A backlog resident comes to the counter, one withdraws, one card's chip fails, and one card's
  // fate is lost with the link and settled by an operator who types a name into the reason.
  expect((await test.post('/api/jobs/promote', { nik: residents[1]?.nik })).status).toBe(200);
  expect((await test.post(`/api/jobs/${ids[11]}/cancel`)).status).toBe(200);
  const chipVictim = await waitForJob(test, String(ids[0]), ['printing']);
  machineOf(test, String(chipVictim.stationId)).trigger('chip-error');
  await waitForJob(test, String(ids[0]), ['spoiled', 'printed']);
  const linkVictim = await waitForJob(test, String(ids[2]), ['printing']);
  await test.clock.advance(5_000);
  machineOf(test, String(linkVictim.stationId)).trigger('drop-connection');
  expect((await waitForJob(test, String(ids[2]), FINISHED)).state).toBe('uncertain');
  const mid = await scrapeText(test);
  const resolved = await test.post(`/api/jobs/${ids[2]}/resolve`, {
    outcome: 'spoiled',
    reason: `card for ${residents[2]?.name} came out blank`,
  });
  expect(resolved.status).toBe(200);
  for (const id of ids) await waitForJob(test, id, FINISHED, 60 * 60_000);

  const { text } = await scrapeText(test);
  expect(text).toContain('reason="operator-verdict"} 1');
  expect(text).toContain('reason="chip-error"} 1');
  expect(mid.text).toMatch(/cetak_jobs_uncertain\{station="sbu1-[ab]"\} 1/);

  for (const scraped of [mid.text, text]) {
    // No sixteen-digit run outside the values (a float can have that many digits), let alone a NIK.
    const withoutValues = scraped.replace(/ \S+$/gm, '');
    expect(withoutValues).not.toMatch(/\d{16}/);
    for (const body of residents) {
      expect(scraped).not.toContain(body.nik);
      expect(scraped).not.toContain(body.nik.slice(0, 12));
      expect(scraped).not.toContain(body.name);
      for (const part of body.name.split(' ')) expect(scraped).not.toContain(part);
      expect(scraped).not.toContain(body.address);
      expect(scraped).not.toContain(body.birthDate);
    }
    for (const id of ids) expect(scraped).not.toContain(id);

    const fleetSamples = parseSamples(scraped).filter((s) => !/^cetak_(process|nodejs)_/.test(s.name));
    for (const sample of fleetSamples) {
      // Identity series (`_info`) name software and machines, by these labels only.
      if (sample.name.endsWith('_info')) {
        for (const label of Object.keys(sample.labels)) expect(INFO_LABELS).toContain(label);
        continue;
      }
      for (const [label, value] of Object.entries(sample.labels)) {
        if (label === 'le' || label === 'code') continue;
        expect(ALLOWED, `${sample.name}{${label}="${value}"}`).toContain(value);
      }
      // Alert codes are upper-case words.
      if (sample.labels.code !== undefined) expect(sample.labels.code).toMatch(/^[A-Z][A-Z0-9_-]*$/);
    }
  }
});
