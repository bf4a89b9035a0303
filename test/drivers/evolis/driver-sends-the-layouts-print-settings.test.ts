import { expect, it } from 'vitest';
import { layoutSchema } from '../../../src/render/layout-schema.js';
import { CARD, evolisScene, renderedPanels } from './scene.js';

// A layout may ask the printer for a contrast or luminosity (the guide's `Pc` and `Pl`, as the
// vendor's own driver sends `Pc;k;=;10`): they go with every card, before a blank can move, in the
// guide's `panel;=;value` form. A layout that asks for nothing sends nothing.
it('sends the layout’s contrast and luminosity with each card, before the blank is fed', async () => {
  const { driver, printer } = evolisScene();
  await driver.connect();
  printer.clear();
  const settings = { contrast: { k: 12, y: 9 }, luminosity: { c: 11 } };
  const outcome = await driver.printCard({ ...CARD, panels: { ...renderedPanels(), settings } });
  expect(outcome).toEqual({ result: 'printed' });
  const sent = printer.names(true);
  expect(sent.slice(0, 5)).toEqual(['Pr;ymcko', 'Pmi;F', 'Pc;k;=;12', 'Pc;y;=;9', 'Pl;c;=;11']);
  expect(sent.indexOf('Pl;c;=;11')).toBeLessThan(sent.indexOf('Ss'));

  printer.clear();
  await driver.printCard({ ...CARD, panels: renderedPanels() });
  expect(printer.names().filter((name) => name === 'Pc' || name === 'Pl')).toEqual([]);
});

it('a layout’s printer settings are checked: 0–20, known panels only', () => {
  const base = {
    version: 1,
    name: 'x',
    size: { width: 1016, height: 648 },
    fonts: {},
    photo: { box: { x: 0, y: 0, width: 10, height: 10 } },
    signature: { box: { x: 0, y: 0, width: 10, height: 10 } },
  };
  expect(layoutSchema.safeParse({ ...base, printer: { contrast: { k: 10 } } }).success).toBe(true);
  expect(layoutSchema.safeParse({ ...base, printer: { contrast: { k: 21 } } }).success).toBe(false);
  expect(layoutSchema.safeParse({ ...base, printer: { luminosity: { k: 10 } } }).success).toBe(false);
});
