import { expect, it } from 'vitest';
import { loadScenario } from '../../src/simulator/scenario.js';
import { runSimulation } from '../../src/simulator/simulation.js';
import { HOT_DAY_BACKLOG, referenceStation } from './sim-scene.js';

it('fifo on the reference hot day with a backlog of 400 makes the printer shut itself off', async () => {
  const { report } = await runSimulation({
    config: referenceStation(),
    scenario: loadScenario(HOT_DAY_BACKLOG),
    policy: 'fifo',
  });
  const [station] = report.stations;
  expect(report.policy).toBe('fifo');
  expect(station?.shutdowns).toBeGreaterThanOrEqual(1);
  expect(station?.spoiled).toBeGreaterThanOrEqual(1);
  // Each shut-off ruins the card inside it.
  expect(station?.spoiledBy.overheat).toBe(station?.shutdowns);
  expect(station?.printed).toBeLessThan(station?.thermalBound ?? 0);
  expect(station?.peakC).toBeGreaterThanOrEqual(55.9);
});
