import type { PanelName } from '../evolis/protocol/index.js';

/** The guide's ribbon types (`Pr`, A5013) and the panels each prints; `k` is the vendor's. */
const RIBBONS: Readonly<Record<string, readonly PanelName[]>> = {
  ymcko: ['y', 'm', 'c', 'k', 'o'],
  ymckos: ['y', 'm', 'c', 'k', 'o'],
  ymckok: ['y', 'm', 'c', 'k', 'o'],
  ko: ['k', 'o'],
  h: ['o'],
  ho: ['o'],
  ...Object.fromEntries(
    ['k', 'kb', 'kw', 'kr', 'kbl', 'kgr', 'kgo', 'ksi', 'ksc', 'ktc', 'ktp', 'ka'].map((r) => [
      r,
      ['k'] as const,
    ]),
  ),
};

/** The panels a ribbon type prints, or `undefined` for a type the guide does not list. */
export function ribbonPanels(type: string): readonly PanelName[] | undefined {
  const key = type.toLowerCase();
  return Object.hasOwn(RIBBONS, key) ? RIBBONS[key] : undefined;
}
