import { pino } from 'pino';
import createEmulator from '../drivers/emulated-evolis/index.js';
import { VirtualClock } from '../src/clock/virtual-clock.js';
import { profileSchema, stationSchema } from '../src/config/schema.js';
import { renderCard } from '../src/render/render-card.js';
import { syntheticResident } from '../scripts/synthetic-residents.js';
import { syntheticPhoto } from '../scripts/synthetic-card-images.js';
const clock = new VirtualClock();
const driver = createEmulator({ clock, log: pino({ level: 'silent' }), station: stationSchema.parse({ id: 'x', driver: 'emulator', chip: { encoder: 'emulated' }, emulator: { extensions: true } }), profile: profileSchema.parse({}), site: { timeZone: 'Asia/Jakarta', ambient: 30 } });
const c = driver.connect(); await clock.settle(); await c;
const w = driver.warmUp(); await clock.advance(200_000); await w;
let renderMs = 0, totalStart = performance.now();
for (let i = 1; i <= 20; i++) {
  const r = { ...syntheticResident(i), photo: syntheticPhoto(i, 'jpeg') } as Record<string, string>;
  const t0 = performance.now();
  const panels = renderCard(r, { issuedAt: clock.now(), timeZone: 'Asia/Jakarta' });
  renderMs += performance.now() - t0;
  const p = driver.printCard({ jobId: `j${i}`, fields: {}, panels });
  let done = false; p.finally(() => { done = true; });
  while (!done) await clock.advance(1000);
}
const total = performance.now() - totalStart;
console.log(`per card: total ${(total/20).toFixed(1)} ms, render ${(renderMs/20).toFixed(1)} ms`);
await driver.close();
