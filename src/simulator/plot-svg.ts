import type { Ambient } from '../thermal/ambient.js';
import { localMsOfDay } from '../thermal/local-time.js';
import type { CardMark, TemperatureSample } from './station-probe.js';

/** One station's day, as the plot draws it. */
export interface PlotStation {
  readonly id: string;
  readonly kecamatan: string;
  readonly openMs: number;
  readonly closeMs: number;
  readonly cutoffC: number;
  readonly resumeBelowC: number;
  /** The room's real temperature. */
  readonly ambient: Ambient;
  readonly samples: readonly TemperatureSample[];
  readonly marks: readonly CardMark[];
  /** When the thermal bound's cards start: the pace of a perfect policy. */
  readonly boundStartsMs: readonly number[];
}

export interface PlotDay {
  readonly date: string;
  readonly timeZone: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly stations: readonly PlotStation[];
}

const WIDTH = 960;
const PANEL = 210;
const LEFT = 52;
const RIGHT = 52;
const TOP = 34;
const BOTTOM = 30;
const HEADER = 44;
const COLOURS = {
  inside: '#c0392b',
  room: '#7f8c8d',
  cutoff: '#e74c3c',
  resume: '#e67e22',
  printed: '#1e8449',
  bound: '#5d6d7e',
  walkIn: '#2471a3',
  hours: '#f4f6f7',
};

/**
 * The first simulated day as an SVG, one panel per station: the printer's inside temperature (each
 * minute, and as each card left), the room, the cut-off, service hours shaded, a tick per card
 * (green backlog, blue walk-in, red cross spoiled) and, on the right axis, cards printed so far
 * against the thermal bound's pace. Written by hand: no plotting dependency.
 */
export function plotSvg(day: PlotDay, title: string): string {
  const height = HEADER + day.stations.length * PANEL + 10;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    text(LEFT, 18, `${title} — ${day.date} (${day.timeZone})`, 'font-size="14" font-weight="bold"'),
    legend(LEFT, 34),
  ];
  day.stations.forEach((station, i) => {
    parts.push(panel(day, station, HEADER + i * PANEL));
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function panel(day: PlotDay, station: PlotStation, top: number): string {
  const plotTop = top + TOP;
  const plotBottom = top + PANEL - BOTTOM;
  const x = (ms: number) => LEFT + ((ms - day.fromMs) / (day.toMs - day.fromMs)) * (WIDTH - LEFT - RIGHT);
  const roomPoints = range(day.fromMs, day.toMs, 600_000).map((ms) => ({ ms, c: station.ambient(ms) }));
  const inside = [
    ...station.samples.map((s) => ({ ms: s.atMs, c: s.internalC })),
    ...station.marks.map((m) => ({ ms: m.outAtMs, c: m.internalC })),
  ]
    .filter((p) => p.ms >= day.fromMs && p.ms <= day.toMs)
    .sort((a, b) => a.ms - b.ms);
  const temps = [...roomPoints.map((p) => p.c), ...inside.map((p) => p.c), station.cutoffC];
  const lowC = Math.floor(Math.min(...temps) / 5) * 5;
  const highC = Math.ceil((Math.max(...temps) + 1) / 5) * 5;
  const y = (c: number) => plotBottom - ((c - lowC) / (highC - lowC)) * (plotBottom - plotTop);

  const good = station.marks.filter((m) => m.good);
  const spoiled = station.marks.length - good.length;
  const bound = station.boundStartsMs;
  const maxCards = Math.max(10, bound.length, good.length);
  const yCards = (n: number) => plotBottom - (n / maxCards) * (plotBottom - plotTop);

  const out: string[] = [
    text(
      LEFT,
      top + 20,
      `${station.id} (${station.kecamatan}) — printed ${good.length}, spoiled ${spoiled}, thermal bound ${bound.length}`,
      'font-size="12" font-weight="bold"',
    ),
    `<rect x="${f(x(station.openMs))}" y="${plotTop}" width="${f(x(station.closeMs) - x(station.openMs))}" height="${plotBottom - plotTop}" fill="${COLOURS.hours}"/>`,
    `<rect x="${LEFT}" y="${plotTop}" width="${WIDTH - LEFT - RIGHT}" height="${plotBottom - plotTop}" fill="none" stroke="#bbb"/>`,
  ];
  for (let c = lowC; c <= highC; c += 5) {
    out.push(line(LEFT - 4, y(c), LEFT, y(c), '#999'), text(LEFT - 6, y(c) + 4, `${c}`, 'text-anchor="end"'));
  }
  for (let i = 0; i <= 4; i++) {
    const n = Math.round((maxCards * i) / 4);
    const right = WIDTH - RIGHT;
    out.push(line(right, yCards(n), right + 4, yCards(n), '#999'), text(right + 6, yCards(n) + 4, `${n}`));
  }
  for (const ms of range(day.fromMs, day.toMs, 3_600_000)) {
    const hour = Math.round(localMsOfDay(ms, day.timeZone) / 3_600_000) % 24;
    out.push(text(x(ms), plotBottom + 14, `${String(hour).padStart(2, '0')}:00`, 'text-anchor="middle"'));
  }
  out.push(
    text(LEFT - 6, plotTop - 6, '°C', `text-anchor="end" fill="${COLOURS.inside}"`),
    text(WIDTH - RIGHT + 6, plotTop - 6, 'cards', `fill="${COLOURS.printed}"`),
    line(
      LEFT,
      y(station.cutoffC),
      WIDTH - RIGHT,
      y(station.cutoffC),
      COLOURS.cutoff,
      'stroke-dasharray="6 3"',
    ),
    text(LEFT + 4, y(station.cutoffC) - 3, `cut-off ${station.cutoffC} °C`, `fill="${COLOURS.cutoff}"`),
    line(
      LEFT,
      y(station.resumeBelowC),
      WIDTH - RIGHT,
      y(station.resumeBelowC),
      COLOURS.resume,
      'stroke-dasharray="2 3"',
    ),
    polyline(
      roomPoints.map((p) => [x(p.ms), y(p.c)]),
      COLOURS.room,
      'stroke-dasharray="4 3"',
    ),
    polyline(
      inside.map((p) => [x(p.ms), y(p.c)]),
      COLOURS.inside,
    ),
    polyline(
      steps(bound, day.toMs).map(([ms, n]) => [x(ms), yCards(n)]),
      COLOURS.bound,
      'stroke-dasharray="1 2"',
    ),
    polyline(
      steps(
        good.map((m) => m.outAtMs),
        day.toMs,
      ).map(([ms, n]) => [x(ms), yCards(n)]),
      COLOURS.printed,
    ),
  );
  for (const mark of station.marks) {
    const mx = x(mark.outAtMs);
    if (mark.good)
      out.push(line(mx, plotBottom, mx, plotBottom - 6, mark.walkIn ? COLOURS.walkIn : COLOURS.printed));
    else
      out.push(
        line(mx - 3, plotBottom - 9, mx + 3, plotBottom - 3, COLOURS.cutoff, 'stroke-width="1.5"'),
        line(mx - 3, plotBottom - 3, mx + 3, plotBottom - 9, COLOURS.cutoff, 'stroke-width="1.5"'),
      );
  }
  return out.join('\n');
}

function legend(left: number, baseline: number): string {
  const entries: Array<[string, string, string]> = [
    ['inside °C', COLOURS.inside, ''],
    ['room °C', COLOURS.room, 'stroke-dasharray="4 3"'],
    ['cut-off / resume', COLOURS.cutoff, 'stroke-dasharray="6 3"'],
    ['cards printed', COLOURS.printed, ''],
    ['thermal bound pace', COLOURS.bound, 'stroke-dasharray="1 2"'],
    ['walk-in card', COLOURS.walkIn, ''],
  ];
  return entries
    .map(([label, colour, dash], i) => {
      const x = left + i * 140;
      return `${line(x, baseline - 4, x + 18, baseline - 4, colour, dash)}\n${text(x + 22, baseline, label)}`;
    })
    .join('\n');
}

/** Cumulative count after each instant: [[t0, 0], [t1, 0], [t1, 1], …, [end, n]]. */
function steps(instants: readonly number[], endMs: number): Array<[number, number]> {
  const sorted = [...instants].sort((a, b) => a - b);
  const points: Array<[number, number]> = [];
  sorted.forEach((ms, i) => {
    points.push([ms, i], [ms, i + 1]);
  });
  if (sorted.length > 0) points.push([endMs, sorted.length]);
  return points;
}

function range(fromMs: number, toMs: number, stepMs: number): number[] {
  const out: number[] = [];
  for (let ms = fromMs; ms <= toMs; ms += stepMs) out.push(ms);
  return out;
}

function polyline(points: ReadonlyArray<readonly [number, number]>, colour: string, extra = ''): string {
  if (points.length < 2) return '';
  const list = points.map(([px, py]) => `${f(px)},${f(py)}`).join(' ');
  return `<polyline points="${list}" fill="none" stroke="${colour}" stroke-width="1.2" ${extra}/>`;
}

function line(x1: number, y1: number, x2: number, y2: number, colour: string, extra = ''): string {
  return `<line x1="${f(x1)}" y1="${f(y1)}" x2="${f(x2)}" y2="${f(y2)}" stroke="${colour}" ${extra}/>`;
}

function text(x: number, y: number, content: string, extra = ''): string {
  return `<text x="${f(x)}" y="${f(y)}" ${extra}>${escapeXml(content)}</text>`;
}

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function f(value: number): string {
  return value.toFixed(1);
}
