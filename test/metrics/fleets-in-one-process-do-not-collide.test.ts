import { register } from 'prom-client';
import { afterEach, expect, it } from 'vitest';
import { resident, startTestDaemon, type TestDaemon, waitForJob } from '../helpers/test-daemon.js';
import { samplesOf, scrape } from './scrape.js';

const daemons: TestDaemon[] = [];
afterEach(async () => {
  await Promise.all(daemons.splice(0).map((d) => d.dispose()));
});

it('gives every daemon its own registry, none in the global one', async () => {
  const one = await startTestDaemon();
  daemons.push(one);
  const two = await startTestDaemon();
  daemons.push(two);
  expect(one.daemon.metrics.registry).not.toBe(two.daemon.metrics.registry);
  expect(one.daemon.metrics.registry).not.toBe(register);

  await waitForJob(one, String((await one.submit(resident(41))).body.id), ['printed']);
  const printed = async (t: TestDaemon) =>
    samplesOf(await scrape(t), 'cetak_cards_printed_total').reduce((n, s) => n + s.value, 0);
  expect(await printed(one)).toBe(1);
  expect(await printed(two)).toBe(0);
  // Both show the process's metrics, registered once.
  for (const t of [one, two])
    expect(samplesOf(await scrape(t), 'cetak_process_resident_memory_bytes')).toHaveLength(1);
  expect(await register.metrics()).not.toContain('cetak_');
});

it('stops counting once the daemon stops', async () => {
  const test = await startTestDaemon();
  daemons.push(test);
  await test.stop();
  test.daemon.events.publish({
    type: 'job',
    id: 'late',
    nik: '167101**********',
    kecamatan: 'seberang-ulu-i',
    priority: 'backlog',
    from: 'printing',
    to: 'printed',
    station: 'sbu1-a',
    spoilReason: null,
    waitSeconds: 60,
  });
  const text = await test.daemon.metrics.registry.getSingleMetricAsString('cetak_cards_printed_total');
  expect(text).toContain('cetak_cards_printed_total{station="sbu1-a",kecamatan="seberang-ulu-i"} 0');
});
