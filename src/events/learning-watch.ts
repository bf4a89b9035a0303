import type { Clock } from '../clock/clock.js';
import type { StationView } from '../station/station-view.js';
import { struckSince } from '../thermal/belief/thermal-belief.js';
import type { AlertBook } from './alert-book.js';

/** Cards and readings move a belief slowly: looking again this often is enough. */
const LOOK_EVERY_MS = 10 * 60_000;

/**
 * Raises a warning (`PRINTER_UNLIKE_PROFILE`) when what a station has learnt of its printer
 * drifts far from the printer's profile: a technician's look is worth it (dust, a failing fan, a
 * printer in the sun). Each finding is raised once until it goes away again.
 */
export function watchLearning(stations: readonly StationView[], alerts: AlertBook, clock: Clock): () => void {
  const stops = stations.map((station) => {
    let raised = new Set<string>();
    let lookedAtMs = Number.NEGATIVE_INFINITY;
    let looked = station.snapshot().thermal.evidence;
    return station.onChange((change) => {
      // The change's snapshot, shared with the event stream's watcher: the evidence is read at
      // once, what was learnt only when looked at (`thermal-view.ts`).
      const { thermal } = change.snapshot();
      const { evidence } = thermal;
      if (!struckSince(looked, evidence) && clock.now() - lookedAtMs < LOOK_EVERY_MS) return;
      looked = evidence;
      lookedAtMs = clock.now();
      const findings = thermal.attention;
      for (const finding of findings) {
        if (raised.has(findingKey(finding))) continue;
        alerts.raise({
          level: 'warning',
          code: 'PRINTER_UNLIKE_PROFILE',
          station: station.id,
          message: `${station.id}: ${finding}; worth a technician's look`,
        });
      }
      raised = new Set(findings.map(findingKey));
      if (findings.length === 0) alerts.clear('PRINTER_UNLIKE_PROFILE', station.id);
    });
  });
  return () => {
    for (const stop of stops) stop();
  };
}

/** A finding without its figures (`cools more slowly …: 36.9 against 25`): the same finding as the figures move. */
function findingKey(finding: string): string {
  return finding.split(':')[0] ?? finding;
}
