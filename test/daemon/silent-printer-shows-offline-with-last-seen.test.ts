import { afterEach, expect, it } from 'vitest';
import { machineOf, oneStationFleet } from '../helpers/emulated-station.js';
import { resident, startTestDaemon, type TestDaemon, waitForJob } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

interface View {
  state: string;
  lastSeen: string | null;
}

it('shows a printer that stops answering as offline since it was last heard, and prints again when it answers', async () => {
  test = await startTestDaemon({ config: oneStationFleet() });
  await test.clock.advance(60_000);
  const heardAt = test.clock.now();
  machineOf(test, 'sbu1-a').trigger('no-reply', 300);

  const id = String((await test.submit(resident(1))).body.id);
  let view: View | undefined;
  await test.clock.until(async () => {
    view = ((await test.get('/api/status')).body.stations as View[])[0];
    return view?.state === 'offline';
  }, 120_000);
  expect(Date.parse(String(view?.lastSeen))).toBeLessThanOrEqual(heardAt);
  expect((await test.get(`/api/jobs/${id}`)).body.state).toBe('queued');

  expect((await waitForJob(test, id, ['printed', 'spoiled', 'uncertain'])).state).toBe('printed');
  view = ((await test.get('/api/status')).body.stations as View[])[0];
  expect(view?.state).not.toBe('offline');
  expect(Date.parse(String(view?.lastSeen))).toBeGreaterThan(heardAt + 300_000);
});
