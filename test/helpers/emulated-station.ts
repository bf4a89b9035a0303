import type { EmulatedMachine } from '../../drivers/emulator/machine.js';
import { EMULATED_STATION, type TestDaemon } from './test-daemon.js';

/** One kecamatan with one emulated printer (protocol driver over a memory link) in a 30 °C room. */
export function oneStationFleet(stationExtras: Record<string, unknown> = {}) {
  return {
    site: {
      name: 'Fault test',
      timezone: 'Asia/Jakarta',
      ambient: 30,
      serviceHours: { open: '00:00', close: '23:59' },
    },
    kecamatan: [
      {
        id: 'seberang-ulu-i',
        name: 'Seberang Ulu I',
        stations: [
          <Record<string, unknown>>{
            id: 'sbu1-a',
            driver: 'emulator',
            ...EMULATED_STATION,
            ...stationExtras,
            emulator: { ...EMULATED_STATION.emulator, ...(stationExtras.emulator as object | undefined) },
          },
        ],
      },
    ],
  };
}

/** The emulated printer behind a station of a test daemon, to trigger faults and act as the operator. */
export function machineOf(test: TestDaemon, stationId: string): EmulatedMachine {
  const station = test.daemon.stations.find((s) => s.id === stationId);
  if (!station) throw new Error(`no station ${stationId}`);
  return station.emulatedMachine as EmulatedMachine;
}

export interface StationView {
  id: string;
  state: string;
  problems: string[];
  lastError: string | null;
  today: { printed: number; spoiled: number };
}

/** A station as `GET /api/status` shows it. */
export async function stationView(test: TestDaemon, stationId: string): Promise<StationView> {
  const status = (await test.get('/api/status')).body as { stations: StationView[] };
  const station = status.stations.find((s) => s.id === stationId);
  if (!station) throw new Error(`no station ${stationId} in status`);
  return station;
}
