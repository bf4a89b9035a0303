import { describe, expect, it } from 'vitest';
import { protocolScene, WARM_UP_MS } from './emulator-scene.js';

const PRINTABLE_LINE = /^[\x20-\x7e]*$/;

/** A printer with the test hooks (`Xdbg`, `Xh`), warm so `Se` prints at once. */
async function warmScene() {
  const scene = protocolScene({ extensions: true });
  scene.machine.setHeater(true);
  await scene.clock.advance(WARM_UP_MS);
  return scene;
}

describe('link faults from the catalogue, seen by a raw host', () => {
  it('no-reply: hears and says nothing for its seconds, then answers again', async () => {
    const { client, machine } = protocolScene({ extensions: true });
    expect(await client.request('Xdbg;no-reply;40')).toBe('OK');
    await client.write('\x1bXh;1\r'); // falls on deaf ears: not carried out either
    expect(await client.during(39_000)).toEqual([]);
    expect(machine.status().heaterOn).toBe(false);
    await client.during(1_000);
    expect(await client.request('Rfv')).toBe('EMU-2.0');
  });

  it('no-reply: a print finishing during the silence is never answered (the card still came out)', async () => {
    const { client, clock, machine } = await warmScene();
    expect(await client.request('Ss')).toBe('OK');
    await client.write('\x1bSe\r');
    await clock.advance(1_000);
    machine.trigger('no-reply', 60);
    expect(await client.during(60_000)).toEqual([]);
    expect(machine.lastCard).toMatchObject({ number: 1, printed: true, fate: 'hopper' });
    expect(await client.request('Rlr;p')).toBe('NO CARD');
    expect(await client.request('Rlr')).toBe('OK'); // the Se was answered, into the silence
  });

  it('slow-reply: the next reply comes its seconds late, and later replies never overtake it', async () => {
    const { client } = protocolScene({ extensions: true });
    expect(await client.request('Xdbg;slow-reply;40')).toBe('OK');
    await client.write('\x1bRsn\r');
    expect(await client.during(39_900)).toEqual([]);
    await client.write('\x1bRfv\r'); // a host that gave up and asked again
    expect(await client.during(100)).toEqual(['EMU0001', 'EMU-2.0']);
    expect(await client.request('Rtp')).toBe('Cetak Retransfer Emulator'); // only the one was slow
  });

  it('garbage: noise lines with non-printable bytes before an intact reply', async () => {
    const { client } = protocolScene({ extensions: true });
    expect(await client.request('Xdbg;garbage')).toBe('OK');
    await client.write('\x1bRsn\r');
    await client.during(10);
    const after = client.lines.slice(1);
    expect(after.at(-1)).toBe('EMU0001');
    expect(after.length).toBeGreaterThanOrEqual(2);
    for (const noise of after.slice(0, -1)) expect(noise).not.toMatch(PRINTABLE_LINE);
    expect(await client.request('Rsn')).toBe('EMU0001');
    expect(client.lines.at(-2)).toBe('EMU0001'); // only one reply had noise before it
  });

  it('drop-connection: the printer closes the link after its OK', async () => {
    const { client, host, machine } = protocolScene({ extensions: true });
    let closed = false;
    host.onClose(() => {
      closed = true;
    });
    expect(await client.request('Xdbg;drop-connection')).toBe('OK');
    await client.during(1);
    expect(closed).toBe(true);
    expect(host.closed).toBe(true);
    expect(machine.state).toBe('standby'); // the printer itself carries on
  });

  it('printer-reset: the print in progress is never answered, the card is rejected, standby', async () => {
    const { client, clock, machine } = await warmScene();
    expect(await client.request('Ss')).toBe('OK');
    await client.write('\x1bSe\r');
    await clock.advance(10_000);
    machine.trigger('printer-reset');
    expect(await client.during(60_000)).toEqual([]);
    expect(machine.state).toBe('standby');
    expect(machine.lastCard).toMatchObject({ fate: 'reject', spoiledBy: 'printer-reset' });
    expect(await client.request('Rlr')).toBe('ERR TIMEOUT');
    expect(await client.request('Rlr;p')).toBe('NO CARD');
    expect(await client.request('Ser')).toBe('OK'); // already in the reject box
    expect(Number((await client.request('Xt')).split('roller=')[1]?.split(';')[0])).toBeGreaterThan(150);
  });

  it('printer-reset over the wire: OK, then the reboot', async () => {
    const { client, machine } = await warmScene();
    expect(await client.request('Xdbg;printer-reset')).toBe('OK');
    expect(machine.status()).toMatchObject({ state: 'standby', heaterOn: false });
    expect(await client.request('Rfv')).toBe('EMU-2.0');
  });
});
