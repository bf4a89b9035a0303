// A station's last two hours of temperatures as a hand-drawn SVG (no chart library: nothing may
// come from outside the daemon). The printer's inside is what shuts it off, so it gets the big
// panel, the bold line and the cut-off line; the roller (~165 °C when warm) a thin band below.
import { s } from './dom.js';
import { t } from './i18n.js';
import { formatNumber, formatTime } from './words.js';

export const WINDOW_MS = 2 * 3_600_000;
const W = 440;
const H = 160;
const PAD = { left: 30, right: 8, top: 8, bottom: 16 };
/** The roller gets a thin band under the inside's panel: one scale per panel, no twin axes to misread. */
const ROLLER_BAND = 32;
const BAND_GAP = 12;
/** Readings further apart than this (daemon time) were not continuous: the line breaks there. */
const GAP_MS = 10 * 60_000;
const ROLLER_MAX_C = 200;

/** An empty chart; call `draw` whenever its readings or the clock move. */
export function createTempChart() {
  const el = s('svg', {
    viewBox: `0 0 ${W} ${H}`,
    class: 'temp-chart',
    'data-testid': 'temp-chart',
    role: 'img',
    preserveAspectRatio: 'xMidYMid meet',
  });
  return { el, draw: (points, cutOffC, nowMs) => draw(el, points, cutOffC, nowMs) };
}

function draw(svg, points, cutOffC, nowMs) {
  const from = nowMs - WINDOW_MS;
  const shown = points.filter((p) => p.at >= from - GAP_MS);
  const internals = shown.map((p) => p.internalC).filter((c) => typeof c === 'number');
  const rollers = shown.map((p) => p.rollerC).filter((c) => typeof c === 'number');
  const cut = typeof cutOffC === 'number' ? cutOffC : null;

  // The inside's scale always shows the cut-off and 20 °C below it, so "how close" reads at a glance.
  const lo = Math.floor(Math.min(...internals, (cut ?? 50) - 20) / 5) * 5;
  const hi = Math.ceil(Math.max(lo + 20, ...internals, (cut ?? 0) + 3) / 5) * 5;
  const rollerHi = Math.max(ROLLER_MAX_C, ...rollers);
  const right = W - PAD.right;
  const mainBottom = H - PAD.bottom - ROLLER_BAND - BAND_GAP;
  const bandTop = mainBottom + BAND_GAP;
  const bandBottom = H - PAD.bottom;
  const x = (at) => PAD.left + ((at - from) / WINDOW_MS) * (right - PAD.left);
  const y = (c) => PAD.top + (1 - (c - lo) / (hi - lo)) * (mainBottom - PAD.top);
  const yRoller = (c) => bandTop + (1 - c / rollerHi) * (bandBottom - bandTop);

  const parts = [s('title', {}, t('temp.window'))];
  const step = hi - lo > 20 ? 10 : 5;
  for (let c = Math.ceil(lo / step) * step; c <= hi; c += step) {
    parts.push(s('line', { x1: PAD.left, x2: right, y1: y(c), y2: y(c), class: 'grid' }));
    parts.push(s('text', { x: PAD.left - 4, y: y(c) + 3, class: 'axis axis-left' }, `${c}°`));
  }
  parts.push(
    s('rect', { x: PAD.left, y: bandTop, width: right - PAD.left, height: ROLLER_BAND, class: 'band' }),
  );
  // Labels sit inside the band's edges so they never touch the panel's lowest label.
  parts.push(
    s('text', { x: PAD.left - 4, y: bandTop + 8, class: 'axis axis-left axis-roller' }, `${rollerHi}°`),
  );
  parts.push(s('text', { x: PAD.left - 4, y: bandBottom, class: 'axis axis-left axis-roller' }, '0°'));
  for (const at of [from, from + WINDOW_MS / 2, nowMs]) {
    const anchor = at === from ? 'start' : at === nowMs ? 'end' : 'middle';
    parts.push(s('text', { x: x(at), y: H - 4, class: 'axis', 'text-anchor': anchor }, formatTime(at)));
  }
  if (cut !== null) {
    parts.push(s('line', { x1: PAD.left, x2: right, y1: y(cut), y2: y(cut), class: 'cutoff' }));
    parts.push(
      s(
        'text',
        { x: PAD.left + 4, y: y(cut) - 3, class: 'cutoff-label' },
        t('temp.cutoff', { c: `${formatNumber(cut)} °C` }),
      ),
    );
  }
  parts.push(s('path', { d: pathOf(shown, 'rollerC', x, yRoller, from), class: 'line-roller' }));
  parts.push(s('path', { d: pathOf(shown, 'internalC', x, y, from), class: 'line-internal' }));
  if (shown.length === 0) {
    parts.push(
      s('text', { x: W / 2, y: mainBottom / 2, class: 'axis', 'text-anchor': 'middle' }, t('temp.none')),
    );
  }
  svg.replaceChildren(...parts);
}

/** An SVG path through the readings of one series, broken where readings are missing. */
function pathOf(points, key, x, y, from) {
  let d = '';
  let previousAt = null;
  for (const p of points) {
    const c = p[key];
    if (typeof c !== 'number') {
      previousAt = null;
      continue;
    }
    const at = Math.max(p.at, from);
    const move = previousAt === null || p.at - previousAt > GAP_MS;
    d += `${move ? 'M' : 'L'}${x(at).toFixed(1)},${y(c).toFixed(1)}`;
    previousAt = p.at;
  }
  return d;
}
