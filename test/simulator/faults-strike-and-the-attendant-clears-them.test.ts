import { expect, it } from 'vitest';
import { runSimulation } from '../../src/simulator/simulation.js';
import { referenceStation, scenario } from './sim-scene.js';

it('strikes scenario faults at their times, and the attendant clears what they latch', async () => {
  const { report } = await runSimulation({
    config: referenceStation(),
    scenario: scenario({
      ambient: 28,
      backlog: 250,
      // Faults, not heat, are under test: a printer that reports its temperatures, so the room
      // being 4 °C warmer than the site's curve in the morning costs nothing (see the thermal tests).
      printer: { reportsTemperatures: true },
      faults: [
        { station: 'ref-1', at: '09:00', fault: 'card-jam' },
        { station: 'ref-1', at: '10:00', fault: 'printer-reset' },
        { station: 'ref-1', at: '11:00', fault: 'ribbon-break' },
        { station: 'ref-1', at: '12:00', fault: 'chip-error' },
        { station: 'ref-1', at: '13:00', fault: 'cover-open', seconds: 300 },
      ],
    }),
  });
  const [station] = report.stations;
  // Jam, ribbon break and chip error wait for a card if none is inside; a reset or an opened cover
  // spoils a card only if one happens to be inside at that moment (pacing decides).
  const { 'printer-reset': reset = 0, 'printer-error': cover = 0, ...always } = station?.spoiledBy ?? {};
  expect(always).toEqual({ 'card-jam': 1, 'ribbon-break': 1, 'chip-error': 1 });
  expect(reset).toBeLessThanOrEqual(1);
  expect(cover).toBeLessThanOrEqual(1);
  expect(station?.shutdowns).toBe(0);
  // Jam cleared, ribbon replaced, cover closed again: the printer worked on all afternoon.
  expect(station?.printed).toBeGreaterThan(200);
});
