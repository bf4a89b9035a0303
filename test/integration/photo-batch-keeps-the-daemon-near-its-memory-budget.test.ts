import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { memoryOf } from '../../scripts/npm-start.js';
import { syntheticPhoto } from '../../scripts/synthetic-card-images.js';
import { syntheticResident } from '../../scripts/synthetic-residents.js';
import { spawnDaemon, waitForCardsPrinted } from '../helpers/spawn-daemon.js';

const dataDir = mkdtempSync(join(tmpdir(), 'cetak-photo-memory-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const SIZE = { width: 2400, height: 2400 };
const PHOTOS = 6;
const MB = 1024 * 1024;
/**
 * The budget is 150 MB; these bounds leave room for a shared machine. Decoding the photos in
 * JavaScript left ~400 MB after this batch; decoding them reduced with sharp on a worker thread
 * ~235 MB. libvips on libuv's pool with glibc's arenas capped and a 16 KiB mmap threshold (the
 * daemon restarts itself so where node can: src/bin/malloc-tuning.ts) and the emulated printers'
 * bitmaps kept compressed leave 131 MB on Node 24; without the malloc settings (Node 20) 172 MB.
 */
const canReplaceItself = typeof (process as { execve?: unknown }).execve === 'function';
const BOUND_MB = canReplaceItself ? 170 : 220;

// A real daemon process (the flags `npm start` gives it) printing a batch of the biggest photos
// intake accepts; its own resident memory, from /proc, once their cards are printed.
it.skipIf(process.platform !== 'linux')(
  `keeps the daemon under ${BOUND_MB} MB of RSS after printing a batch of 2400 × 2400 photos`,
  async () => {
    const daemon = await spawnDaemon(['--speed', '60', '--data-dir', dataDir, '--port', '0']);
    try {
      const pid = daemon.child.pid as number;
      const photos = [syntheticPhoto(1, 'jpeg', SIZE), syntheticPhoto(2, 'png', SIZE)];
      const answers = await Promise.all(
        Array.from({ length: PHOTOS }, (_, i) =>
          daemon.post('/api/jobs', { ...syntheticResident(900 + i), photo: photos[i % 2] }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(PHOTOS).fill(201));
      expect(await waitForCardsPrinted(daemon, PHOTOS, 90_000)).toBe(PHOTOS);

      const { rss, peak } = memoryOf(pid);
      expect(Math.round(rss / MB), `peak ${Math.round(peak / MB)} MB`).toBeLessThan(BOUND_MB);
    } finally {
      await daemon.stop();
    }
  },
  150_000,
);
