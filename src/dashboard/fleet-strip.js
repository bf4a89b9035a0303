// The strip across the top: one small chip per station, coloured by state, so 23 printers fit in
// two rows at 1366 px and a problem anywhere is seen without scrolling. A chip jumps to its card.
import { h, replaceChildren } from './dom.js';
import { t } from './i18n.js';
import { stateLabel, stateTone } from './words.js';

let renderedKey = '';

export function renderFleetStrip(container, stations) {
  const key = stations
    .map((s) => `${s.id}:${stateLabel(s)}:${stateTone(s)}:${(s.problems ?? []).length}`)
    .join('|');
  if (key === renderedKey) return;
  renderedKey = key;
  if (stations.length === 0) {
    replaceChildren(container, h('span', { class: 'muted', text: t('fleet.empty') }));
    return;
  }
  replaceChildren(
    container,
    stations.map((station) => {
      const problems = (station.problems ?? []).length;
      return h(
        'a',
        {
          class: `chip ${stateTone(station)}`,
          testid: 'fleet-chip',
          dataset: { stationId: station.id, state: station.state },
          attrs: {
            href: `#station-${station.id}`,
            title: (station.problems ?? []).map((p) => t(`problem.${p}`)).join(', ') || stateLabel(station),
          },
        },
        h('span', { class: 'chip-id', text: station.id }),
        h('span', { class: 'chip-state', text: stateLabel(station) }),
        problems > 0 && h('span', { class: 'chip-alert', text: `⚠ ${problems}` }),
      );
    }),
  );
}

/** Forces the next render (after a language switch the key is the same but the words are not). */
export function invalidateFleetStrip() {
  renderedKey = '';
}
