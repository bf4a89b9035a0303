import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/virtual-clock.js';
import { roomSensorSchema } from '../../src/config/room-sensor-schema.js';
import { createLogger } from '../../src/log/logger.js';
import { RoomSensor, roomReader } from '../../src/thermal/room-sensor.js';

const T0 = Date.UTC(2026, 7, 3, 1, 0); // 08:00 WIB
/** The site's curve: 30 °C at T0, rising 1 °C an hour. */
const curve = (epochMs: number) => 30 + (epochMs - T0) / 3_600_000;

function logged() {
  const lines: Array<Record<string, unknown>> = [];
  const log = createLogger({
    level: 'info',
    destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
  });
  return { log, lines };
}

function sensor(clock: VirtualClock, readings: Array<number | Error>) {
  const { log, lines } = logged();
  const room = new RoomSensor({
    clock,
    read: async () => {
      const next = readings.shift() ?? new Error('unplugged');
      if (next instanceof Error) throw next;
      return next;
    },
    everySeconds: 60,
    timeoutSeconds: 5,
    log,
  });
  return { room, lines };
}

describe('site.roomSensor', () => {
  it('moves the site curve through the latest reading, keeps its shape, and falls back when the sensor goes stale', async () => {
    const clock = new VirtualClock(T0);
    const { room, lines } = sensor(clock, [35, 36]);
    const ambient = room.ambient(curve);
    expect(ambient(T0)).toBe(30);
    room.start();
    await clock.advance(0);
    // The room reads 35 where the curve says 30: every hour ahead is 5 °C warmer than the curve.
    expect(ambient(T0)).toBe(35);
    expect(ambient(T0 + 2 * 3_600_000)).toBe(37);
    await clock.advance(60_000);
    expect(room.latest()).toEqual({ c: 36, atMs: T0 + 60_000 });
    // Then the sensor fails: one warning, and after three missed polls the curve is back.
    await clock.advance(60_000);
    expect(lines.filter((l) => l.msg === 'room sensor not read; planning with site.ambient')).toHaveLength(1);
    expect(ambient(T0 + 60_000)).toBeCloseTo(36, 5);
    await clock.advance(3 * 60_000);
    expect(room.latest()).toBeUndefined();
    expect(ambient(T0 + 5 * 60_000)).toBeCloseTo(curve(T0 + 5 * 60_000), 5);
    room.stop();
  });

  it('refuses a reading no room has, naming it', async () => {
    const clock = new VirtualClock(T0);
    const { room } = sensor(clock, [85]);
    await expect(room.readNow()).rejects.toThrow('read 85 °C, not a room temperature');
  });

  it('reads a command that prints °C, and a JSON field over HTTP', async () => {
    const clock = new VirtualClock(T0);
    const { log } = logged();
    const command = roomSensorSchema.parse({
      command: [process.execPath, '-e', "console.log('suhu: 31,5 C')"],
    });
    const viaCommand = new RoomSensor({
      clock,
      read: roomReader(command),
      everySeconds: 60,
      timeoutSeconds: 5,
      log,
    });
    expect(await viaCommand.readNow()).toBe(31.5);

    const server = createServer((_, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ sensors: [{ celsius: 29.5 }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const http = roomSensorSchema.parse({ url: `http://127.0.0.1:${port}/`, field: 'sensors.0.celsius' });
      const viaHttp = new RoomSensor({
        clock,
        read: roomReader(http),
        everySeconds: 60,
        timeoutSeconds: 5,
        log,
      });
      expect(await viaHttp.readNow()).toBe(29.5);
      const wrong = roomSensorSchema.parse({
        url: `http://127.0.0.1:${port}/`,
        field: 'sensors.0.fahrenheit',
      });
      await expect(roomReader(wrong)(new AbortController().signal)).rejects.toThrow(
        'no number at sensors.0.fahrenheit',
      );
    } finally {
      server.close();
    }
  });

  it('takes a command or a URL, not both, and says so', () => {
    const both = roomSensorSchema.safeParse({ command: ['temper'], url: 'http://10.0.0.5/t' });
    expect(both.success).toBe(false);
    expect(JSON.stringify(both.error?.issues)).toContain('give either command or url');
    expect(roomSensorSchema.safeParse({ url: 'ftp://10.0.0.5/t' }).success).toBe(false);
  });
});
