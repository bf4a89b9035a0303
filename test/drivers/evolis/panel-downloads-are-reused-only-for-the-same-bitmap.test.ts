import { describe, expect, it } from 'vitest';
import { panelDownload } from '../../../drivers/evolis/panel-downloads.js';

// The card's 8-bit panels as the renderer hands them over: 1016 × 648, one byte a dot.
const DOTS = 1016 * 648;

function tint(level: number): Uint8Array {
  return new Uint8Array(DOTS).fill(level);
}

// The driver remembers each panel's last download so that the many cards sharing a colour panel
// (the layout's tint) are not turned and compressed again. It must never hand out a stale one.
describe('panel downloads', () => {
  it('reuse the last download for the same bitmap, even in another array', () => {
    const first = panelDownload('y', tint(40));
    expect(panelDownload('y', tint(40))).toBe(first);
  });

  it('are made again when the caller changed its array in place', () => {
    const bitmap = tint(41);
    const first = panelDownload('m', bitmap);
    bitmap[DOTS - 1] = 200;
    const second = panelDownload('m', bitmap);
    expect(second).not.toBe(first);
    expect(second.frame.equals(first.frame)).toBe(false);
  });

  it('are kept per panel: the same bitmap on two panels is two downloads', () => {
    const cyan = panelDownload('c', tint(42));
    const yellow = panelDownload('y', tint(42));
    expect(yellow.panel).toBe('y');
    expect(cyan.panel).toBe('c');
    expect(panelDownload('c', tint(42))).toBe(cyan);
  });
});
