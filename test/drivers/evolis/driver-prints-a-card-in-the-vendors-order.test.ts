import { describe, expect, it } from 'vitest';
import type { RenderedPanels } from '../../../src/drivers/driver.js';
import type { Received } from './fake-printer.js';
import { CARD, evolisScene, fakeEncoder, renderedPanels } from './scene.js';

/** Before the blank moves: ribbon, feeder, and the counters the lost-card recovery judges by. */
const PREPARE = ['Pr;ymcko', 'Pmi;F', 'Rco;c', 'Rco;p'];
/** The status read after the card (a printer without extensions). */
const READ = ['Rcr', 'Rco;l'];
const LINES = 1016;
const DOTS_PER_LINE = 648;

describe('evolis driver prints a card in the vendor’s order', () => {
  it('without a chip encoder: Pr, Pmi, counters, Ss, Sr, Se', async () => {
    const { driver, printer } = evolisScene();
    await driver.connect();
    printer.clear();
    expect(await driver.printCard(CARD)).toEqual({ result: 'printed' });
    expect(printer.names(true)).toEqual([...PREPARE, 'Ss', 'Sr', 'Se', ...READ]);
  });

  it('with a chip encoder: Sic, the encoder, Rlr;p, then Ss; the chip UID comes back', async () => {
    let sentBeforeEncoding: string[] = [];
    const encoder = fakeEncoder(() => {
      sentBeforeEncoding = printer.names(true);
      return { ok: true, uid: '04A1B2C3D4E5F6' };
    });
    const { driver, printer } = evolisScene({ driver: { encoder } });
    await driver.connect();
    printer.clear();
    expect(await driver.printCard(CARD)).toEqual({ result: 'printed', chipUid: '04A1B2C3D4E5F6' });
    expect(printer.names(true)).toEqual([...PREPARE, 'Sic', 'Rlr;p', 'Ss', 'Sr', 'Se', ...READ]);
    // The encoder ran while the card sat at the station: after Sic, before the presence check.
    expect(sentBeforeEncoding).toEqual([...PREPARE, 'Sic']);
    expect(encoder.calls).toEqual([{ jobId: CARD.jobId, fields: CARD.fields }]);
  });

  it('downloads each panel after Sr as Dbc, colours at 128 levels, its byte count the data’s', async () => {
    const { driver, printer } = evolisScene();
    await driver.connect();
    printer.clear();
    const panels = renderedPanels();
    expect(await driver.printCard({ ...CARD, panels })).toEqual({ result: 'printed' });
    const downloads = printer.received.filter((c) => c.data !== undefined);
    expect(printer.names(true).slice(0, 6)).toEqual([...PREPARE, 'Ss', 'Sr']);
    expect(printer.names().slice(6)).toEqual([...Array(5).fill('Dbc'), 'Se', 'Rcr', 'Rco']);
    expect(downloads.map((d) => d.params.slice(0, 2).join(';'))).toEqual([
      'y;128',
      'm;128',
      'c;128',
      'k;2',
      'o;2',
    ]);
    for (const download of downloads) expect(download.params[2]).toBe(String(download.data?.length));
    // The fake framed each by its count and found CR right after: nothing left over, nothing short.
    expect(printer.framingProblems).toEqual([]);
    for (const download of downloads) expectPanel(download, panels);
  });

  it('sends a panel that does not compress as a raw Db of the guide’s size', async () => {
    const { driver, printer } = evolisScene();
    await driver.connect();
    printer.clear();
    let seed = 7;
    const noise = new Uint8Array(1016 * 648).map(() => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed >> 23;
    });
    const panels = { ...renderedPanels(), m: noise };
    expect(await driver.printCard({ ...CARD, panels })).toEqual({ result: 'printed' });
    const m = printer.received.find((c) => c.params[0] === 'm');
    expect([m?.name, ...(m?.params ?? [])]).toEqual(['Db', 'm', '128']);
    // 648 dots a line at 7 bits, 1016 lines.
    expect(m?.data?.length).toBe((LINES * DOTS_PER_LINE * 7) / 8);
    expect(printer.names(true).slice(-3)).toEqual(['Se', ...READ]);
    expect(printer.framingProblems).toEqual([]);
  });

  it('never logs card fields', async () => {
    const { driver, printer, logLines } = evolisScene();
    await driver.connect();
    printer.set('Sr', 'ERR RIBBON');
    await driver.printCard(CARD);
    printer.set('Sr', 'OK');
    await driver.printCard(CARD);
    const log = logLines.join('\n');
    expect(log).not.toContain('PERSONAL-MARKER-NAME');
    expect(log).not.toContain('1671053112860002');
  });
});

/** Reads a download with the guide's section 4 rules and checks it holds the panel's ink. */
function expectPanel(download: Received, panels: Required<Omit<RenderedPanels, 'settings'>>): void {
  const panel = download.params[0] as 'y' | 'm' | 'c' | 'k' | 'o';
  const data = download.data ?? Buffer.alloc(0);
  const card = panels[panel];
  if (panel === 'k' || panel === 'o') {
    const { lines, inkDots } = readMono(data);
    expect(lines, panel).toBe(LINES);
    expect(inkDots, panel).toBe(card.reduce((sum, byte) => sum + bitCount(byte), 0));
  } else {
    const { dots, fullDots } = readColour128(data);
    expect(dots, panel).toBe(LINES * DOTS_PER_LINE);
    expect(fullDots, panel).toBe(card.filter((ink) => ink === 255).length);
  }
}

/** K/O: per line `0x00` white, `0xFF` black, or `N` (1–81) and the line's first N bytes. */
function readMono(data: Uint8Array): { lines: number; inkDots: number } {
  let lines = 0;
  let inkDots = 0;
  for (let i = 0; i < data.length; lines++) {
    const counter = data[i++] as number;
    if (counter === 0xff) inkDots += DOTS_PER_LINE;
    else if (counter > 81) throw new Error(`line ${lines}: counter ${counter}`);
    else {
      for (const byte of data.subarray(i, i + counter)) inkDots += bitCount(byte);
      i += counter;
    }
  }
  return { lines, inkDots };
}

/** Y/M/C at 128 levels: MSB 0 is one dot; MSB 1 a run, its count in the next byte, 0 = white line. */
function readColour128(data: Uint8Array): { dots: number; fullDots: number } {
  let dots = 0;
  let fullDots = 0;
  for (let i = 0; i < data.length; ) {
    const byte = data[i++] as number;
    const level = byte & 0x7f;
    let run = 1;
    if (byte & 0x80) {
      run = data[i++] as number;
      if (run === 0) run = DOTS_PER_LINE - (dots % DOTS_PER_LINE);
    }
    dots += run;
    if (level === 127) fullDots += run;
  }
  return { dots, fullDots };
}

function bitCount(byte: number): number {
  let count = 0;
  for (let b = byte; b; b >>= 1) count += b & 1;
  return count;
}
