import { describe, expect, it } from 'vitest';
import type { ChipResult } from '../../src/chip/chip-encoder.js';
import { emulatedEncoder } from '../../src/chip/emulated-encoder.js';
import { VirtualClock } from '../../src/clock/virtual-clock.js';
import { SYNTHETIC_CARD } from '../helpers/chip-scene.js';

function encoderOn(clock: VirtualClock, fails?: (jobId: string) => string | undefined) {
  return emulatedEncoder({
    clock,
    encodeSeconds: 20,
    stationId: 'sbu1-a',
    printerSerial: () => 'E4A0123456',
    fails,
  });
}

describe('the emulated chip encoder', () => {
  it('takes encodeSeconds of the clock, then gives a UID fixed by printer and job', async () => {
    const clock = new VirtualClock();
    let result: ChipResult | undefined;
    void encoderOn(clock)
      .encode(SYNTHETIC_CARD)
      .then((r) => {
        result = r;
      });
    await clock.advance(19_999);
    expect(result).toBeUndefined();
    await clock.advance(1);
    expect(result).toEqual({ ok: true, uid: expect.stringMatching(/^04[0-9A-F]{12}$/) });

    const again = encoderOn(clock).encode(SYNTHETIC_CARD);
    await clock.advance(20_000);
    expect(await again).toEqual(result);
    const other = encoderOn(clock).encode({ ...SYNTHETIC_CARD, jobId: 'job-0002' });
    await clock.advance(20_000);
    expect(await other).not.toEqual(result);
  });

  it('fails with the reason its fault hook gives', async () => {
    const clock = new VirtualClock();
    const encoding = encoderOn(clock, (jobId) =>
      jobId === 'job-0001' ? 'chip did not answer' : undefined,
    ).encode(SYNTHETIC_CARD);
    await clock.advance(20_000);
    expect(await encoding).toEqual({ ok: false, reason: 'chip did not answer' });
  });

  it('stops waiting when aborted', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const encoding = encoderOn(clock).encode(SYNTHETIC_CARD, controller.signal);
    controller.abort(new Error('station stopping'));
    await expect(encoding).rejects.toThrow('station stopping');
    expect(clock.pendingTimers).toBe(0);
  });
});
