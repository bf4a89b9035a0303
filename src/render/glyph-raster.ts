import type { PathCommand } from 'opentype.js';

/** A glyph as 1-bit dots, placed relative to the pen: `left` dots right of it, `top` dots below the baseline. */
export interface GlyphBitmap {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly top: number;
  /** One byte per dot, row by row: 1 = ink. */
  readonly dots: Uint8Array;
}

const EMPTY: GlyphBitmap = { width: 0, height: 0, left: 0, top: 0, dots: new Uint8Array(0) };

/** Edges of the flattened outline in dots (y down), with their winding direction. */
interface Edges {
  readonly x0: number[];
  readonly y0: number[];
  readonly x1: number[];
  readonly y1: number[];
}

/**
 * Scan-converts a TrueType outline (font units, y up) at `scale` dots per unit, non-zero winding
 * like TrueType itself. A dot is ink when its centre is inside the outline: the K panel is 1 bit,
 * so coverage in between would only be thrown away, and centre sampling keeps 300-dpi stems of
 * two dots or more whole.
 */
export function rasterizeOutline(commands: readonly PathCommand[], scale: number): GlyphBitmap {
  const edges = flatten(commands, scale);
  const count = edges.x0.length;
  if (count === 0) return EMPTY;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    minX = Math.min(minX, edges.x0[i] as number, edges.x1[i] as number);
    maxX = Math.max(maxX, edges.x0[i] as number, edges.x1[i] as number);
    minY = Math.min(minY, edges.y0[i] as number, edges.y1[i] as number);
    maxY = Math.max(maxY, edges.y0[i] as number, edges.y1[i] as number);
  }
  const left = Math.floor(minX);
  const top = Math.floor(minY);
  const width = Math.ceil(maxX) - left;
  const height = Math.ceil(maxY) - top;
  if (width <= 0 || height <= 0) return EMPTY;
  const dots = new Uint8Array(width * height);
  const xs: number[] = [];
  const winds: number[] = [];
  for (let row = 0; row < height; row++) {
    const yc = top + row + 0.5;
    xs.length = 0;
    winds.length = 0;
    for (let i = 0; i < count; i++) {
      const y0 = edges.y0[i] as number;
      const y1 = edges.y1[i] as number;
      // Half-open in y, so a vertex shared by two edges is counted once.
      if (y0 <= yc ? y1 > yc : y1 <= yc) {
        const x0 = edges.x0[i] as number;
        const x1 = edges.x1[i] as number;
        insertCrossing(xs, winds, x0 + ((yc - y0) / (y1 - y0)) * (x1 - x0), y1 > y0 ? 1 : -1);
      }
    }
    let winding = 0;
    for (let k = 0; k < xs.length - 1; k++) {
      winding += winds[k] as number;
      if (winding === 0) continue;
      const from = Math.max(0, Math.ceil((xs[k] as number) - 0.5) - left);
      const to = Math.min(width, Math.ceil((xs[k + 1] as number) - 0.5) - left);
      if (to > from) dots.fill(1, row * width + from, row * width + to);
    }
  }
  return { width, height, left, top, dots };
}

function insertCrossing(xs: number[], winds: number[], x: number, wind: number): void {
  let at = xs.length;
  while (at > 0 && (xs[at - 1] as number) > x) at--;
  xs.splice(at, 0, x);
  winds.splice(at, 0, wind);
}

/** Lines for the outline, curves cut into pieces of about two dots. */
function flatten(commands: readonly PathCommand[], scale: number): Edges {
  const edges: Edges = { x0: [], y0: [], x1: [], y1: [] };
  let startX = 0;
  let startY = 0;
  let x = 0;
  let y = 0;
  let open = false;
  const line = (toX: number, toY: number) => {
    if (toY !== y) {
      edges.x0.push(x);
      edges.y0.push(y);
      edges.x1.push(toX);
      edges.y1.push(toY);
    }
    x = toX;
    y = toY;
  };
  const close = () => {
    if (open) line(startX, startY);
    open = false;
  };
  for (const command of commands) {
    const px = (command.x ?? 0) * scale;
    const py = -(command.y ?? 0) * scale;
    switch (command.type) {
      case 'M':
        close();
        startX = x = px;
        startY = y = py;
        open = true;
        break;
      case 'L':
        line(px, py);
        break;
      case 'Q': {
        const cx = (command.x1 ?? 0) * scale;
        const cy = -(command.y1 ?? 0) * scale;
        const [ax, ay] = [x, y];
        const steps = pieces(Math.hypot(cx - ax, cy - ay) + Math.hypot(px - cx, py - cy));
        for (let s = 1; s <= steps; s++) {
          const t = s / steps;
          const u = 1 - t;
          line(u * u * ax + 2 * u * t * cx + t * t * px, u * u * ay + 2 * u * t * cy + t * t * py);
        }
        break;
      }
      case 'C': {
        const c1x = (command.x1 ?? 0) * scale;
        const c1y = -(command.y1 ?? 0) * scale;
        const c2x = (command.x2 ?? 0) * scale;
        const c2y = -(command.y2 ?? 0) * scale;
        const [ax, ay] = [x, y];
        const length =
          Math.hypot(c1x - ax, c1y - ay) + Math.hypot(c2x - c1x, c2y - c1y) + Math.hypot(px - c2x, py - c2y);
        const steps = pieces(length);
        for (let s = 1; s <= steps; s++) {
          const t = s / steps;
          const u = 1 - t;
          const a = u * u * u;
          const b = 3 * u * u * t;
          const c = 3 * u * t * t;
          const d = t * t * t;
          line(a * ax + b * c1x + c * c2x + d * px, a * ay + b * c1y + c * c2y + d * py);
        }
        break;
      }
      case 'Z':
        close();
        break;
    }
  }
  close();
  return edges;
}

function pieces(length: number): number {
  return Math.min(32, Math.max(1, Math.ceil(length / 2)));
}
