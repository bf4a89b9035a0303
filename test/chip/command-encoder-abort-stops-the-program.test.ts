import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commandScene, fileWritten, isRunning, SYNTHETIC_CARD } from '../helpers/chip-scene.js';

describe('a command encoding aborted by the station', () => {
  let scene: ReturnType<typeof commandScene> | undefined;
  let pid: number | undefined;
  afterEach(() => {
    if (pid !== undefined && isRunning(pid)) process.kill(pid, 'SIGKILL');
    scene?.dispose();
  });

  it('rejects with the abort reason once the program is gone', async () => {
    scene = commandScene(['hang', '{dir}/pid']);
    const controller = new AbortController();
    const result = scene.encoder.encode(SYNTHETIC_CARD, controller.signal);
    const outcome = result.then(
      () => 'resolved',
      (error: unknown) => error,
    );
    pid = Number(await fileWritten(join(scene.dir, 'pid')));
    const reason = new Error('station stopping');
    controller.abort(reason);
    await scene.clock.advance(2_000); // past SIGTERM's grace: SIGKILL
    expect(await outcome).toBe(reason);
    expect(isRunning(pid)).toBe(false);
  });
});
