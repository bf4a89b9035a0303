import { afterEach, expect, it } from 'vitest';
import { machineOf, oneStationFleet } from '../helpers/emulated-station.js';
import { startTestDaemon, type TestDaemon } from '../helpers/test-daemon.js';
import { sampleValue, scrape } from './scrape.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

const station = { station: 'sbu1-a' };
async function link() {
  const samples = await scrape(test);
  return {
    messages: sampleValue(samples, 'cetak_link_messages_total', station),
    timeouts: sampleValue(samples, 'cetak_link_timeouts_total', station),
    reconnects: sampleValue(samples, 'cetak_link_reconnects_total', station),
    state: samples.find((s) => s.name === 'cetak_station_state' && s.value === 1)?.labels.state,
  };
}

it('counts the commands sent while a printer is connected', async () => {
  test = await startTestDaemon({ config: oneStationFleet() });
  const first = await link();
  expect(first.messages).toBeGreaterThan(0);
  // The driver polls an idle printer's status every 10 s.
  await test.clock.advance(60_000);
  const second = await link();
  expect(second.messages).toBeGreaterThan(first.messages);
  expect(second).toMatchObject({ timeouts: 0, reconnects: 0 });
});

it('counts a silent printer’s timeouts, and the reconnects after a dropped link', async () => {
  test = await startTestDaemon({ config: oneStationFleet() });
  const machine = machineOf(test, 'sbu1-a');
  const before = await link();
  expect(before).toMatchObject({ timeouts: 0, reconnects: 0 });
  expect(before.state).not.toBe('offline');

  machine.trigger('no-reply', 120);
  await test.clock.advance(90_000);
  const silent = await link();
  expect(silent.timeouts).toBeGreaterThan(0);
  expect(silent.state).toBe('offline');
  await test.clock.advance(120_000);
  const answering = await link();
  expect(answering.state).not.toBe('offline');
  expect(answering.messages).toBeGreaterThan(silent.messages);

  machine.trigger('drop-connection');
  await test.clock.advance(60_000);
  const reconnected = await link();
  expect(reconnected.reconnects).toBeGreaterThan(answering.reconnects);
  expect(reconnected.state).not.toBe('offline');
  // The driver's counters outlive the connection they were counted on.
  expect(reconnected.timeouts).toBe(answering.timeouts);
  expect(reconnected.messages).toBeGreaterThan(answering.messages);
});
