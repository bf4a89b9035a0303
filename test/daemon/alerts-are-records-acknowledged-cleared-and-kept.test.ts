import { afterEach, describe, expect, it } from 'vitest';
import { machineOf, oneStationFleet } from '../helpers/emulated-station.js';
import { startTestDaemon, TEST_FLEET, type TestDaemon } from '../helpers/test-daemon.js';

type AlertView = {
  id: number;
  code: string;
  station: string | null;
  active: boolean;
  ageSeconds: number;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  clearedAt: string | null;
};

const LOW = {
  ...TEST_FLEET,
  kecamatan: [
    {
      ...TEST_FLEET.kecamatan[0],
      stations: [
        {
          id: 'sbu1-a',
          driver: 'emulator',
          chip: { encoder: 'emulated' },
          emulator: { extensions: true, stock: { feeder: 5 } },
        },
      ],
    },
    TEST_FLEET.kecamatan[1],
  ],
};

async function metrics(test: TestDaemon): Promise<string> {
  const answer = await test.daemon.server.inject({
    url: '/metrics',
    headers: { authorization: `Bearer ${test.daemon.token}` },
  });
  return answer.body;
}

describe('alerts', () => {
  let test: TestDaemon;
  afterEach(() => test?.dispose());

  it('are records: aged, acknowledged by name, kept across a restart, cleared when the condition ends', async () => {
    test = await startTestDaemon({ config: LOW });
    const blanksLow = async () =>
      ((await test.get('/api/alerts')).body.alerts as AlertView[]).filter((a) => a.code === 'BLANKS_LOW');
    let [alert] = await blanksLow();
    expect(alert).toMatchObject({ station: 'sbu1-a', active: true, acknowledgedBy: null });
    const unacked = /cetak_alerts_unacknowledged\{code="BLANKS_LOW",level="warning"\} (\d+)/;
    expect(unacked.exec(await metrics(test))?.[1]).toBe('1');
    // Every code's series exists from the start, at 0.
    expect(await metrics(test)).toMatch(
      /cetak_alerts_unacknowledged\{code="OVERHEATED",level="critical"\} 0/,
    );

    await test.clock.advance(90_000);
    [alert] = await blanksLow();
    expect(alert?.ageSeconds).toBeGreaterThanOrEqual(90);

    const noName = await test.post(`/api/alerts/${alert?.id}/ack`, { by: '  ' });
    expect(noName.status).toBe(400);
    expect(String(noName.body.message)).toContain('by');
    expect((await test.post('/api/alerts/99999/ack', { by: 'Siti' })).status).toBe(404);
    expect((await test.post('/api/alerts/abc/ack', { by: 'Siti' })).status).toBe(404);
    const acked = await test.post(`/api/alerts/${alert?.id}/ack`, { by: 'Siti Rahma' });
    expect(acked.status).toBe(200);
    expect(acked.body).toMatchObject({ id: alert?.id, acknowledgedBy: 'Siti Rahma', active: true });
    await test.clock.advance(1500);
    expect(unacked.exec(await metrics(test))?.[1]).toBe('0');

    // A restart raises the same condition again: the record is kept and updated, not repeated.
    test = await test.restart();
    const kept = await blanksLow();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ id: alert?.id, active: true, acknowledgedBy: 'Siti Rahma' });

    // Restocked: the condition is over.
    expect((await test.post('/api/stations/sbu1-a/blanks', { count: 100 })).status).toBe(201);
    await test.clock.advance(1000);
    const [cleared] = await blanksLow();
    expect(cleared?.active).toBe(false);
    expect(cleared?.clearedAt).not.toBeNull();
  }, 60_000);

  it('OFFLINE holds while the printer is silent and is cleared when it answers again', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    await test.clock.advance(60_000);
    machineOf(test, 'sbu1-a').trigger('no-reply', 300);
    const offline = async () =>
      ((await test.get('/api/alerts')).body.alerts as AlertView[]).filter((a) => a.code === 'OFFLINE');
    await test.clock.until(async () => (await offline()).some((a) => a.active), 120_000);
    expect(await offline()).toHaveLength(1);
    await test.clock.until(async () => (await offline()).every((a) => !a.active), 15 * 60_000);
    const [over] = await offline();
    expect(over?.clearedAt).not.toBeNull();
    // The printer coming back is a notice, over as soon as it is raised.
    const alerts = (await test.get('/api/alerts')).body.alerts as AlertView[];
    expect(alerts.find((a) => a.code === 'ONLINE')?.active).toBe(false);
  }, 60_000);
});
