import { describe, expect, it } from 'vitest';
import { packBits } from '../../drivers/evolis/packbits.js';
import { protocolScene } from './emulator-scene.js';

const dbc = (panel: string, bits: number, packed: Uint8Array) =>
  Buffer.concat([
    Buffer.from(`\x1bDbc;${panel};${bits};${packed.length};`, 'latin1'),
    packed,
    Buffer.from('\r'),
  ]);

/** A K panel with a stripe: runs and literals, ESC and CR bytes among the data. */
function stripedPanel(): Uint8Array {
  const panel = new Uint8Array(82_296);
  for (let i = 0; i < panel.length; i += 127) panel.set([0x1b, 0x0d, 0xff, 0xff, 0xff, 0x3b], i + 10);
  return panel;
}

describe('Dbc: a PackBits download', () => {
  it('is unpacked to the panel it stands for', async () => {
    const { client, machine } = protocolScene();
    const panel = stripedPanel();
    expect(await client.exchange(dbc('k', 1, packBits(panel)))).toBe('OK');
    expect(Buffer.from(machine.panels.get('k') ?? []).equals(Buffer.from(panel))).toBe(true);
    const colour = new Uint8Array(658_368).fill(27);
    expect(await client.exchange(dbc('y', 8, packBits(colour)))).toBe('OK');
    expect(machine.panels.get('y')?.every((v) => v === 27)).toBe(true);
  });

  it('answers ERR SIZE when it unpacks to the wrong size, and stays in step', async () => {
    const { client, machine } = protocolScene();
    const short = packBits(new Uint8Array(82_295));
    expect(await client.exchange(Buffer.concat([dbc('k', 1, short), Buffer.from('\x1bRsn\r')]))).toBe(
      'ERR SIZE',
    );
    expect(client.lines).toEqual(['ERR SIZE', 'EMU0001']);
    expect(machine.panels.size).toBe(0);
  });

  it('answers ERR SYNTAX for an unknown panel or bit depth', async () => {
    const { client } = protocolScene();
    expect(await client.exchange(dbc('q', 1, packBits(new Uint8Array(10))))).toBe('ERR SYNTAX');
    expect(await client.exchange(dbc('k', 8, packBits(new Uint8Array(82_296))))).toBe('ERR SYNTAX');
  });
});
