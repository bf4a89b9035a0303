import { readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { machineOf } from '../helpers/emulated-station.js';
import { startTestDaemon, type TestDaemon } from '../helpers/test-daemon.js';
import { scrape } from './scrape.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

const packageVersion = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

it('exports cetak_build_info and one cetak_printer_info per station, as the printer identified itself', async () => {
  test = await startTestDaemon();
  const samples = await scrape(test);

  const build = samples.filter((s) => s.name === 'cetak_build_info');
  expect(build).toEqual([
    { name: 'cetak_build_info', labels: { version: packageVersion, node: process.versions.node }, value: 1 },
  ]);

  const printers = samples.filter((s) => s.name === 'cetak_printer_info');
  expect(printers.map((s) => s.labels.station).sort()).toEqual(test.daemon.stations.map((s) => s.id).sort());
  for (const sample of printers) {
    expect(sample.value).toBe(1);
    // The serial the emulated machine was built with, not what Cetak's status shows.
    expect(sample.labels.serial).toBe(machineOf(test, String(sample.labels.station)).serial);
  }
});
