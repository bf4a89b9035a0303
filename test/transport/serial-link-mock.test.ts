import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { isCetakError } from '../../src/errors.js';
import { openLink } from '../../src/transport/open-link.js';
import type { SerialBinding } from '../../src/transport/serial-link.js';
import type { ByteLink } from '../../src/transport/transport.js';
import { collect } from '../helpers/pty-pair.js';

type MockPort = Awaited<ReturnType<typeof SerialPortMock.binding.open>>;

/** The mock binding, keeping hold of the port it opens so the test can look inside. */
function recordingBinding() {
  const opened: MockPort[] = [];
  const binding = {
    list: () => SerialPortMock.binding.list(),
    open: async (options: Parameters<typeof SerialPortMock.binding.open>[0]) => {
      const port = await SerialPortMock.binding.open(options);
      opened.push(port);
      return port;
    },
  } as unknown as SerialBinding;
  return { binding, opened };
}

const links: ByteLink[] = [];

afterEach(async () => {
  await Promise.all(links.splice(0).map((link) => link.close()));
  SerialPortMock.binding.reset();
});

describe('serial link over the serialport mock binding', () => {
  it('opens with the options from the port string and records what is written', async () => {
    SerialPortMock.binding.createPort('/dev/ttyEVOLIS', { record: true });
    const { binding, opened } = recordingBinding();
    const port = 'serial:/dev/ttyEVOLIS?baud=9600&parity=even&dataBits=7&stopBits=2&rtscts=true';
    const link = await openLink(port, { serialBinding: binding });
    links.push(link);
    expect(link.description).toBe(port);

    const mock = opened[0] as MockPort;
    expect(mock.openOptions).toMatchObject({
      path: '/dev/ttyEVOLIS',
      baudRate: 9600,
      parity: 'even',
      dataBits: 7,
      stopBits: 2,
      rtscts: true,
    });

    await link.write(Buffer.from([0x1b, 0x50, 0x73, 0x0d]));
    expect(mock.lastWrite).toEqual(Buffer.from([0x1b, 0x50, 0x73, 0x0d]));
    await link.write(Buffer.from([0x00, 0xff]));
    expect(mock.lastWrite).toEqual(Buffer.from([0x00, 0xff]));
    expect(mock.recording).toEqual(Buffer.from([0x1b, 0x50, 0x73, 0x0d, 0x00, 0xff]));
  });

  it('delivers what the device sends', async () => {
    SerialPortMock.binding.createPort('/dev/ttyEVOLIS');
    const { binding, opened } = recordingBinding();
    const link = await openLink('serial:/dev/ttyEVOLIS', { serialBinding: binding });
    links.push(link);
    const got = collect(link, 3);
    (opened[0] as MockPort).emitData(Buffer.from([0x4f, 0x4b, 0x0d]));
    expect(await got).toEqual(Buffer.from('OK\r', 'latin1'));
  });

  it('close() closes the port underneath, once', async () => {
    SerialPortMock.binding.createPort('/dev/ttyEVOLIS');
    const { binding, opened } = recordingBinding();
    const link = await openLink('serial:/dev/ttyEVOLIS', { serialBinding: binding });
    let calls = 0;
    link.onClose(() => calls++);
    await link.close();
    await link.close();
    expect((opened[0] as MockPort).isOpen).toBe(false);
    expect(calls).toBe(1);
    await expect(link.write(Buffer.from([1]))).rejects.toThrow(/is closed/);
  });

  it('an unknown mock port fails with a coded error, not a raw one', async () => {
    const { binding } = recordingBinding();
    const error = await openLink('serial:/dev/ttyNOWHERE', { serialBinding: binding }).catch((e) => e);
    expect(isCetakError(error, 'LINK_FAILED')).toBe(true);
    expect((error as Error).message).toMatch(/^serial:\/dev\/ttyNOWHERE: could not open \/dev\/ttyNOWHERE: /);
  });
});
