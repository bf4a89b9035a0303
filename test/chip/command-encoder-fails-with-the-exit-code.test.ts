import { afterEach, describe, expect, it } from 'vitest';
import { commandScene, SYNTHETIC_CARD } from '../helpers/chip-scene.js';

describe('a command encoder whose program exits non-zero', () => {
  let scene: ReturnType<typeof commandScene> | undefined;
  afterEach(() => scene?.dispose());

  it('fails, saying the exit code', async () => {
    scene = commandScene(['exit', '3']);
    expect(await scene.encoder.encode(SYNTHETIC_CARD)).toEqual({
      ok: false,
      reason: 'encoder exited with code 3',
    });
    expect(scene.logs.some((line) => line.includes('encoder exited with code 3'))).toBe(true);
  });
});
