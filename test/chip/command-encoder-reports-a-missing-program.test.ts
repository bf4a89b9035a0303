import { afterEach, describe, expect, it } from 'vitest';
import { commandScene, SYNTHETIC_CARD } from '../helpers/chip-scene.js';

describe('a command encoder whose program does not exist', () => {
  let scene: ReturnType<typeof commandScene> | undefined;
  afterEach(() => scene?.dispose());

  it('fails at once, naming the error and the program path', async () => {
    scene = commandScene([], { program: '/opt/no-such-vendor/ktp-chip-writer', args: [] });
    expect(await scene.encoder.encode(SYNTHETIC_CARD)).toEqual({
      ok: false,
      reason: 'encoder could not start: ENOENT (/opt/no-such-vendor/ktp-chip-writer)',
    });
    expect(scene.clock.pendingTimers).toBe(0);
  });
});
