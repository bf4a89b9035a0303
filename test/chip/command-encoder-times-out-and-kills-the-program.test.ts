import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commandScene, fileWritten, isRunning, SYNTHETIC_CARD } from '../helpers/chip-scene.js';

describe('a command encoder whose program does not finish', () => {
  let scene: ReturnType<typeof commandScene> | undefined;
  let pid: number | undefined;
  afterEach(() => {
    if (pid !== undefined && isRunning(pid)) process.kill(pid, 'SIGKILL');
    scene?.dispose();
  });

  it('fails after timeoutSeconds, and the program is gone: SIGTERM, then SIGKILL 2 s later', async () => {
    scene = commandScene(['hang', '{dir}/pid']);
    let settled = false;
    const result = scene.encoder.encode(SYNTHETIC_CARD).finally(() => {
      settled = true;
    });
    pid = Number(await fileWritten(join(scene.dir, 'pid')));

    await scene.clock.advance(29_999);
    expect(settled).toBe(false);
    await scene.clock.advance(1);
    expect(await fileWritten(join(scene.dir, 'pid.term'))).toBe('SIGTERM'); // which it shrugs off
    await scene.clock.advance(1_999);
    expect(settled).toBe(false);
    expect(isRunning(pid)).toBe(true);
    await scene.clock.advance(1); // SIGKILL

    expect(await result).toEqual({ ok: false, reason: 'encoder timed out after 30 s' });
    expect(isRunning(pid)).toBe(false);
  });
});
