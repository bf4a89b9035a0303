import { expect, it } from 'vitest';
import { syntheticPhoto, syntheticSignature } from '../../scripts/synthetic-card-images.js';
import { syntheticResident } from '../../scripts/synthetic-residents.js';
import { renderCard } from '../../src/render/render-card.js';
import { CARD, evolisScene } from '../drivers/evolis/scene.js';
import {
  CARD_HEIGHT,
  CARD_WIDTH,
  decodeColourPanel,
  decodeMonoPanel,
  guideDotsToCard,
  monoPanelToCardRows,
} from './guide-decoder.js';

// Every panel Cetak's driver sends for a real face — text, frames, a JPEG photo, a signature,
// the tint and the overlay — read back with the decoder written from the guide alone, and turned
// back into the card: the face is the one Cetak rendered, K and O to the dot, Y/M/C each dot at
// the guide level nearest its ink.
it('the driver’s downloads, decoded by the guide, are the face Cetak rendered', async () => {
  const resident = {
    ...syntheticResident(31),
    photo: syntheticPhoto(31, 'jpeg'),
    signature: syntheticSignature(31),
  };
  const panels = renderCard(resident as Record<string, string>, {
    issuedAt: Date.UTC(2026, 11, 6),
    timeZone: 'Asia/Jakarta',
  });
  const { driver, printer } = evolisScene();
  await driver.connect();
  expect(await driver.printCard({ ...CARD, panels })).toEqual({ result: 'printed' });

  const downloads = printer.received.filter((c) => c.name === 'Dbc' || c.name === 'Db');
  expect(downloads.map((d) => d.params[0])).toEqual(['y', 'm', 'c', 'k', 'o']);
  for (const download of downloads) {
    const panel = download.params[0] as 'y' | 'm' | 'c' | 'k' | 'o';
    const levels = Number(download.params[1]);
    const data = download.data as Buffer;
    expect(download.name, `${panel} is sent compressed`).toBe('Dbc');
    if (panel === 'k' || panel === 'o') {
      expect(levels).toBe(2);
      const face = monoPanelToCardRows(decodeMonoPanel(data));
      expect(Buffer.from(face).equals(Buffer.from(panels[panel] as Uint8Array)), panel).toBe(true);
      continue;
    }
    expect(levels).toBe(128);
    const face = guideDotsToCard(decodeColourPanel(data, 128));
    const ink = panels[panel] as Uint8Array;
    let wrong = 0;
    for (let i = 0; i < CARD_WIDTH * CARD_HEIGHT; i++)
      if (face[i] !== Math.round(((ink[i] as number) * 127) / 255)) wrong++;
    expect(wrong, `${panel}: dots off their nearest level`).toBe(0);
    expect(
      ink.some((v) => v > 0),
      `${panel} has ink`,
    ).toBe(true);
  }
});
