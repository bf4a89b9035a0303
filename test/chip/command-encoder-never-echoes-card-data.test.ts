import { afterEach, describe, expect, it } from 'vitest';
import { commandScene, SYNTHETIC_CARD } from '../helpers/chip-scene.js';

describe('a command encoder whose program echoes the card and fails', () => {
  let scene: ReturnType<typeof commandScene> | undefined;
  afterEach(() => scene?.dispose());

  it('keeps the card data out of the reason and the log', async () => {
    scene = commandScene(['echo-fail']);
    const result = await scene.encoder.encode(SYNTHETIC_CARD);
    expect(result).toEqual({ ok: false, reason: 'encoder exited with code 1' });

    const secrets = ['1671053112860002', '167105', 'FIZUNE', 'REKAAN', 'PALEMBANG'];
    const logged = scene.logs.join('\n');
    for (const secret of secrets) {
      expect(JSON.stringify(result)).not.toContain(secret);
      expect(logged).not.toContain(secret);
    }
    // The program's output was read (and counted), just not kept in the log.
    const failed = scene.logs.map((line) => JSON.parse(line)).find((entry) => entry.reason);
    expect(failed).toMatchObject({ reason: 'encoder exited with code 1' });
    expect(failed.stderrBytes).toBeGreaterThan(40);
    expect(failed.stdoutBytes).toBeGreaterThan(40);
  });
});
