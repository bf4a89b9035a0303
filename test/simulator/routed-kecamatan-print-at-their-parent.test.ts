import { describe, expect, it } from 'vitest';
import { runSimulation } from '../../src/simulator/simulation.js';
import { palembang, scenario } from './sim-scene.js';

describe('the Palembang fleet', () => {
  it('has 18 kecamatan, 16 printing, the two new ones routed to the offices they came from', () => {
    const config = palembang();
    expect(config.kecamatan).toHaveLength(18);
    expect(config.kecamatan.filter((k) => k.stations.length > 0)).toHaveLength(16);
    const parentOf = Object.fromEntries(
      config.kecamatan.filter((k) => k.parent).map((k) => [k.id, k.parent]),
    );
    expect(parentOf).toEqual({ jakabaring: 'seberang-ulu-i', 'ilir-timur-iii': 'ilir-timur-ii' });
    expect(config.site.serviceHours).toEqual({ open: '08:00', close: '16:00' });
    expect(config.site.dailyTarget).toBe(160);
    expect(config.site.ambient).toBe('palembang-hot-day');
  });

  it("prints Jakabaring's walk-ins at Seberang Ulu I's stations", async () => {
    const { report } = await runSimulation({
      config: palembang(),
      scenario: scenario({
        backlog: 0,
        walkIns: { perHour: 12, from: '09:00', to: '10:00', seed: 3, kecamatan: 'jakabaring' },
      }),
    });
    const served = report.stations.filter((s) => s.walkIns.count > 0);
    expect(report.totals.walkIns.count).toBeGreaterThan(3);
    expect(report.totals.walkIns.unserved).toBe(0);
    expect(served.map((s) => s.kecamatan)).toEqual(served.map(() => 'seberang-ulu-i'));
    expect(report.totals.printed).toBe(report.totals.walkIns.count);
    const elsewhere = report.stations.filter((s) => s.kecamatan !== 'seberang-ulu-i');
    expect(elsewhere.every((s) => s.printed === 0)).toBe(true);
  });
});
