import { afterEach, describe, expect, it } from 'vitest';
import { machineOf } from '../helpers/emulated-station.js';
import { resident, startTestDaemon, type TestDaemon, waitForJob } from '../helpers/test-daemon.js';
import { type Sample, samplesOf, sampleValue, scrape, scrapeText } from './scrape.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

const STATIONS = ['sbu1-a', 'sbu1-b'];
const sum = (samples: readonly Sample[]) => samples.reduce((n, s) => n + s.value, 0);

async function submit(seed: number, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await test.submit(resident(seed, overrides));
  expect(response.status).toBe(201);
  return String(response.body.id);
}

interface StatusBody {
  stations: Array<{ id: string; state: string; temperatures: { internalC?: number; rollerC?: number } }>;
  kecamatan: Array<{ id: string; queue: { walkIn: number; backlog: number } }>;
}

describe('GET /metrics', () => {
  it('counts printed and spoiled cards, and times walk-ins', async () => {
    test = await startTestDaemon();
    const first = await submit(1);
    const printing = await waitForJob(test, first, ['printing']);
    machineOf(test, String(printing.stationId)).trigger('chip-error');
    expect(await waitForJob(test, first, ['spoiled', 'printed'])).toMatchObject({ state: 'spoiled' });

    const walkIn = await submit(2, { priority: 'walk-in' });
    const others = [await submit(3), await submit(4, { kecamatan: 'jakabaring' })];
    const walkInJob = await waitForJob(test, walkIn, ['printed']);
    for (const id of others) await waitForJob(test, id, ['printed']);

    const { status, type, text } = await scrapeText(test);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain('# TYPE cetak_cards_printed_total counter');
    const samples = await scrape(test);

    const printed = samplesOf(samples, 'cetak_cards_printed_total');
    expect(sum(printed)).toBe(3);
    expect(sum(printed.filter((s) => s.labels.kecamatan === 'jakabaring'))).toBe(1);
    // Every station starts with a zero series for each kecamatan it prints for.
    expect(printed.map((s) => `${s.labels.station}/${s.labels.kecamatan}`).sort()).toEqual([
      'sbu1-a/jakabaring',
      'sbu1-a/seberang-ulu-i',
      'sbu1-b/jakabaring',
      'sbu1-b/seberang-ulu-i',
    ]);
    expect(
      sampleValue(samples, 'cetak_cards_spoiled_total', {
        station: String(printing.stationId),
        reason: 'chip-error',
      }),
    ).toBe(1);
    expect(sum(samplesOf(samples, 'cetak_cards_spoiled_total'))).toBe(1);

    const waited =
      (Date.parse(String(walkInJob.finishedAt)) - Date.parse(String(walkInJob.createdAt))) / 1000;
    const kecamatan = { kecamatan: 'seberang-ulu-i' };
    expect(sampleValue(samples, 'cetak_walk_in_wait_seconds_count', kecamatan)).toBe(1);
    expect(sampleValue(samples, 'cetak_walk_in_wait_seconds_sum', kecamatan)).toBe(waited);
    expect(sampleValue(samples, 'cetak_walk_in_wait_seconds_bucket', { ...kecamatan, le: '+Inf' })).toBe(1);
    expect(sampleValue(samples, 'cetak_walk_in_wait_seconds_count', { kecamatan: 'jakabaring' })).toBe(0);

    // A spoiled chip raised an alert, counted by level and code.
    expect(sampleValue(samples, 'cetak_alerts_total', { level: 'info', code: 'CHIP-ERROR' })).toBe(1);
    // And the process's own metrics are there.
    expect(sampleValue(samples, 'cetak_process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sampleValue(samples, 'cetak_nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('shows each station in exactly one state, with the temperatures /api/status shows', async () => {
    test = await startTestDaemon();
    await waitForJob(test, await submit(5), ['printed']);
    const samples = await scrape(test);
    const status = (await test.get('/api/status')).body as unknown as StatusBody;

    for (const station of status.stations) {
      const states = samplesOf(samples, 'cetak_station_state').filter((s) => s.labels.station === station.id);
      expect(states).toHaveLength(9);
      expect(states.every((s) => s.labels.kecamatan === 'seberang-ulu-i')).toBe(true);
      expect(states.filter((s) => s.value === 1).map((s) => s.labels.state)).toEqual([station.state]);

      const { internalC, rollerC } = station.temperatures;
      expect(internalC).toBeTypeOf('number');
      expect(rollerC).toBeTypeOf('number');
      const sensor = (name: string) =>
        sampleValue(samples, 'cetak_printer_temperature_celsius', { station: station.id, sensor: name });
      expect(sensor('internal')).toBe(internalC);
      expect(sensor('roller')).toBe(rollerC);

      for (const item of ['blanks', 'ribbon', 'film'])
        expect(
          sampleValue(samples, 'cetak_printer_consumable_remaining', { station: station.id, item }),
        ).toBeGreaterThan(0);
      expect(sampleValue(samples, 'cetak_printer_hopper_space', { station: station.id })).toBeGreaterThan(0);
      expect(sampleValue(samples, 'cetak_jobs_uncertain', { station: station.id })).toBe(0);
      expect(sampleValue(samples, 'cetak_link_reconnects_total', { station: station.id })).toBe(0);
    }
  });

  it('shows the queues by kecamatan and priority, and paused stations', async () => {
    test = await startTestDaemon();
    for (const id of STATIONS) expect((await test.post(`/api/stations/${id}/pause`)).status).toBe(200);
    const before = await scrape(test);
    for (const id of STATIONS) expect(sampleValue(before, 'cetak_station_paused', { station: id })).toBe(1);
    // Known queues show 0 rather than nothing.
    expect(sum(samplesOf(before, 'cetak_queue_jobs'))).toBe(0);
    expect(samplesOf(before, 'cetak_queue_jobs')).toHaveLength(4);

    await submit(6);
    await submit(7);
    await submit(8, { priority: 'walk-in' });
    await submit(9, { kecamatan: 'jakabaring' });
    await test.clock.advance(60_000);
    const samples = await scrape(test);
    const queue = (kecamatan: string, priority: string) =>
      sampleValue(samples, 'cetak_queue_jobs', { kecamatan, priority });
    expect(queue('seberang-ulu-i', 'backlog')).toBe(2);
    expect(queue('seberang-ulu-i', 'walk-in')).toBe(1);
    expect(queue('jakabaring', 'backlog')).toBe(1);
    expect(queue('jakabaring', 'walk-in')).toBe(0);
    const status = (await test.get('/api/status')).body as unknown as StatusBody;
    for (const k of status.kecamatan) {
      expect(queue(k.id, 'walk-in')).toBe(k.queue.walkIn);
      expect(queue(k.id, 'backlog')).toBe(k.queue.backlog);
    }

    for (const id of STATIONS) await test.post(`/api/stations/${id}/resume`);
    await test.clock.until(
      async () => sum(samplesOf(await scrape(test), 'cetak_queue_jobs')) === 0,
      60 * 60_000,
    );
    const drained = await scrape(test);
    expect(samplesOf(drained, 'cetak_queue_jobs')).toHaveLength(4);
    for (const id of STATIONS) expect(sampleValue(drained, 'cetak_station_paused', { station: id })).toBe(0);
  });
});
