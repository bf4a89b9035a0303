/**
 * Rendering benchmark: how long one card face takes, from a job's card data to the five printer
 * panels (`renderCard`), for synthetic residents of four kinds — text only; a PNG photo and a
 * signature; a JPEG photo and a signature; a ready-made front image — plus the intake's fit check
 * and packing the panels for the wire (`Dbc`). Prints the median and p95 of N renders of each,
 * after the one-off cost of loading the layout and its fonts.
 *
 *   npm run bench:render [-- --cards N]
 */
import { cpus } from 'node:os';
import { DOWNLOAD_ORDER, panelDownload } from '../drivers/evolis/panel-downloads.js';
import type { RenderedPanels } from '../src/drivers/driver.js';
import { cardTextProblems } from '../src/render/card-fit.js';
import { loadLayout } from '../src/render/card-layout.js';
import { previewPng } from '../src/render/card-preview.js';
import { renderCard } from '../src/render/render-card.js';
import { syntheticPhoto, syntheticSignature } from './synthetic-card-images.js';
import { syntheticResident } from './synthetic-residents.js';

/** The budget from the issue: one card's face in at most this many milliseconds. */
const BUDGET_MS = 50;
const ISSUE = { issuedAt: Date.UTC(2026, 0, 5, 1), timeZone: 'Asia/Jakarta' };

function parseCards(argv: readonly string[]): number {
  const at = argv.indexOf('--cards');
  if (at === -1) return 200;
  const n = Number(argv[at + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error('--cards needs a whole number of at least 1');
  return n;
}

type Card = Record<string, string>;

function record(seed: number, extra: Card = {}): Card {
  return { validUntil: 'SEUMUR HIDUP', ...syntheticResident(seed), ...extra } as Card;
}

/** Milliseconds to one decimal, or three below a millisecond (the fit check takes microseconds). */
function ms(value: number): string {
  return value.toFixed(value < 1 ? 3 : 1);
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** Times `run` on each card; the cards are made beforehand, so only the work itself is timed. */
function time<T>(cards: readonly T[], run: (card: T) => unknown): { median: number; p95: number } {
  const samples = cards.map((card) => {
    const started = performance.now();
    run(card);
    return performance.now() - started;
  });
  samples.sort((a, b) => a - b);
  return { median: quantile(samples, 0.5), p95: quantile(samples, 0.95) };
}

function main(): void {
  const n = parseCards(process.argv.slice(2));
  const started = performance.now();
  const layout = loadLayout();
  renderCard(record(0), ISSUE, layout);
  const firstMs = performance.now() - started;

  const seeds = Array.from({ length: n }, (_, i) => i + 1);
  // A handful of distinct images, reused: making them is not what is measured.
  const photosPng = seeds.slice(0, 8).map((s) => syntheticPhoto(s, 'png'));
  const photosJpeg = seeds.slice(0, 8).map((s) => syntheticPhoto(s, 'jpeg'));
  const signatures = seeds.slice(0, 8).map((s) => syntheticSignature(s));
  const fronts = seeds
    .slice(0, 4)
    .map((s) => previewPng(renderCard(record(s), ISSUE, layout)).toString('base64'));
  const kinds: ReadonlyArray<readonly [string, Card[]]> = [
    ['text only, no photo', seeds.map((s) => record(s))],
    [
      'PNG photo + signature',
      seeds.map((s) => record(s, { photo: photosPng[s % 8] ?? '', signature: signatures[s % 8] ?? '' })),
    ],
    [
      'JPEG photo + signature',
      seeds.map((s) => record(s, { photo: photosJpeg[s % 8] ?? '', signature: signatures[s % 8] ?? '' })),
    ],
    ['ready-made front image', seeds.map((s) => record(s, { frontImage: fronts[s % 4] ?? '' }))],
  ];

  const [cpu] = cpus();
  process.stdout.write(
    `bench:render — ${n} cards a kind, ${cpus().length} × ${cpu?.model.trim() ?? 'unknown CPU'}, Node ${process.version}\n` +
      `first card (layout, fonts, warm-up): ${firstMs.toFixed(0)} ms\n\n` +
      '| what                                  | median ms | p95 ms |\n' +
      '| ------------------------------------- | --------: | -----: |\n',
  );
  const row = (what: string, t: { median: number; p95: number }) =>
    process.stdout.write(`| ${what.padEnd(37)} | ${ms(t.median).padStart(9)} | ${ms(t.p95).padStart(6)} |\n`);
  let worstP95 = 0;
  for (const [what, cards] of kinds) {
    renderCard(cards[0] ?? {}, ISSUE, layout); // its images' decoders warmed up
    const t = time(cards, (card) => renderCard(card, ISSUE, layout));
    worstP95 = Math.max(worstP95, t.p95);
    row(`render: ${what}`, t);
  }
  const textCards = kinds[0]?.[1] ?? [];
  row(
    'intake fit check (text)',
    time(textCards, (card) => cardTextProblems(card, layout)),
  );
  const faces: RenderedPanels[] = (kinds[2]?.[1] ?? [])
    .slice(0, 50)
    .map((card) => renderCard(card, ISSUE, layout));
  row(
    'pack for the wire (Dbc), photo card',
    time(faces, (face) => {
      for (const panel of DOWNLOAD_ORDER) {
        const data = face[panel];
        if (data) panelDownload(panel, data);
      }
    }),
  );
  const verdict = worstP95 <= BUDGET_MS ? 'within' : 'OVER';
  process.stdout.write(
    `\nworst render p95 ${worstP95.toFixed(1)} ms: ${verdict} the ${BUDGET_MS} ms budget\n`,
  );
  if (worstP95 > BUDGET_MS) process.exitCode = 1;
}

main();
