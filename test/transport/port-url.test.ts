import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CetakError, isCetakError } from '../../src/errors.js';
import { type PortSpec, parsePort } from '../../src/transport/port-url.js';

const serial = (path: string, extra: Partial<PortSpec> = {}) => ({
  kind: 'serial',
  path,
  baudRate: 115_200,
  parity: 'none',
  dataBits: 8,
  stopBits: 1,
  rtscts: false,
  ...extra,
});

function parseError(value: string): CetakError {
  try {
    parsePort(value);
  } catch (error) {
    if (error instanceof CetakError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(value)} to be rejected`);
}

describe('parsePort', () => {
  it.each([
    ['serial:/dev/ttyUSB0', serial('/dev/ttyUSB0')],
    ['serial:/dev/ttyUSB0?baud=115200', serial('/dev/ttyUSB0')],
    ['serial:COM3?baud=9600', serial('COM3', { baudRate: 9600 })],
    ['SERIAL:COM12', serial('COM12')],
    ['serial:\\\\.\\COM10', serial('\\\\.\\COM10')],
    [
      'serial:/dev/ttyS1?baud=9600&parity=even&dataBits=7&stopBits=2&rtscts=true',
      serial('/dev/ttyS1', { baudRate: 9600, parity: 'even', dataBits: 7, stopBits: 2, rtscts: true }),
    ],
    ['serial:/dev/ttyUSB0?parity=odd&', serial('/dev/ttyUSB0', { parity: 'odd' })],
    ['serial:/dev/serial/by-id/usb-Evolis_Primacy-if00', serial('/dev/serial/by-id/usb-Evolis_Primacy-if00')],
    ['COM3', serial('COM3')],
    ['com4?baud=19200', serial('com4', { baudRate: 19_200 })],
    ['/dev/ttyACM0', serial('/dev/ttyACM0')],
    ['/dev/ttyUSB1?baud=57600', serial('/dev/ttyUSB1', { baudRate: 57_600 })],
    [
      '/dev/serial/by-path/pci-0000:00:14.0-usb-0:2:1.0',
      serial('/dev/serial/by-path/pci-0000:00:14.0-usb-0:2:1.0'),
    ],
    ['tcp://10.0.0.5:9100', { kind: 'tcp', host: '10.0.0.5', port: 9100 }],
    ['tcp://printer-3.kec-ilir.local:1', { kind: 'tcp', host: 'printer-3.kec-ilir.local', port: 1 }],
    ['TCP://localhost:65535', { kind: 'tcp', host: 'localhost', port: 65_535 }],
    ['tcp://[::1]:9100', { kind: 'tcp', host: '::1', port: 9100 }],
    ['tcp://[fe80::1%eth0]:9100', { kind: 'tcp', host: 'fe80::1%eth0', port: 9100 }],
    ['usb:/dev/usb/lp0', { kind: 'usb', path: '/dev/usb/lp0' }],
    ['memory:emu-1', { kind: 'memory', name: 'emu-1' }],
    ['memory:kec.ilir_barat.2', { kind: 'memory', name: 'kec.ilir_barat.2' }],
  ])('parses %s', (value, expected) => {
    expect(parsePort(value)).toEqual(expected);
  });

  it.each([
    ['', /empty/],
    [' serial:/dev/ttyUSB0', /whitespace/],
    ['serial:/dev/ttyUSB0 ', /whitespace/],
    ['tcp://10.0.0.5:9100\n', /whitespace/],
    ['ttyUSB0', /unknown kind of port/],
    ['http://10.0.0.5:9100', /unknown kind of port/],
    ['/dev/usb/lp0', /unknown kind of port/],
    ['serial:', /absolute device path/],
    ['serial:ttyUSB0', /absolute device path/],
    ['serial:COM0', /absolute device path/],
    ['serial:/dev/ttyUSB0?baudrate=9600', /unknown serial option "baudrate" \(known: baud, parity/],
    ['serial:/dev/ttyUSB0?baud=', /baud needs one value/],
    ['serial:/dev/ttyUSB0?baud', /baud needs one value/],
    ['serial:/dev/ttyUSB0?baud=9600&baud=19200', /given twice/],
    ['serial:/dev/ttyUSB0?baud=fast', /baud=fast is not a baud rate/],
    ['serial:/dev/ttyUSB0?baud=0', /baud=0 is not a baud rate/],
    ['serial:/dev/ttyUSB0?baud=9600.5', /not a baud rate/],
    ['serial:/dev/ttyUSB0?parity=mark', /parity=mark is not none, even or odd/],
    ['serial:/dev/ttyUSB0?dataBits=5', /dataBits=5 is not 7 or 8/],
    ['serial:/dev/ttyUSB0?stopBits=1.5', /stopBits=1.5 is not 1 or 2/],
    ['serial:/dev/ttyUSB0?rtscts=yes', /rtscts=yes is not true or false/],
    ['tcp:10.0.0.5:9100', /tcp:\/\/HOST:PORT/],
    ['tcp://10.0.0.5', /needs its port number/],
    ['tcp://10.0.0.5:', /1–65535/],
    ['tcp://10.0.0.5:0', /1–65535 \(got 0\)/],
    ['tcp://10.0.0.5:65536', /1–65535 \(got 65536\)/],
    ['tcp://10.0.0.5:9100/', /nothing after it/],
    ['tcp://:9100', /not a host name/],
    ['tcp://user@host:9100', /not a host name/],
    ['tcp://::1:9100', /in brackets: tcp:\/\/\[::1\]:9100/],
    ['tcp://[::1]', /needs its port number/],
    ['tcp://[::1:9100', /closing "\]"/],
    ['tcp://[10.0.0.5]:9100', /not an IPv6 address/],
    ['usb:lp0', /device path such as \/dev\/usb\/lp0/],
    ['usb:/dev/usb/lp0?baud=9600', /takes no options/],
    ['memory:', /memory port name/],
    ['memory:a/b', /memory port name/],
  ])('rejects %j', (value, reason) => {
    const error = parseError(value);
    expect(error.code).toBe('PORT_INVALID');
    expect(error.message).toContain(`invalid port ${JSON.stringify(value)}`);
    expect(error.message).toMatch(reason);
    expect(error.details.some((line) => line.includes('tcp://HOST:PORT'))).toBe(true);
    expect(error.details.some((line) => line.includes('serial:/dev/ttyUSB0'))).toBe(true);
  });

  it('either parses any string or throws PORT_INVALID, nothing else', () => {
    const prefixes = fc.constantFrom(
      '',
      'serial:',
      'tcp://',
      'usb:',
      'memory:',
      'COM',
      '/dev/tty',
      'tcp://[',
    );
    const input = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.tuple(prefixes, fc.string({ maxLength: 30 })).map(([prefix, rest]) => prefix + rest),
      fc
        .tuple(fc.constantFrom('serial:/dev/ttyUSB0?', 'COM1?'), fc.array(fc.string({ maxLength: 10 })))
        .map(([head, parts]) => head + parts.join('&')),
    );
    fc.assert(
      fc.property(input, (value) => {
        try {
          const spec = parsePort(value);
          expect(['serial', 'tcp', 'usb', 'memory']).toContain(spec.kind);
        } catch (error) {
          expect(isCetakError(error, 'PORT_INVALID'), String(error)).toBe(true);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('accepts every TCP port number 1–65535 and host, and gives them back unchanged', () => {
    const host = fc.oneof(fc.ipV4(), fc.domain());
    fc.assert(
      fc.property(host, fc.integer({ min: 1, max: 65_535 }), (h, port) => {
        expect(parsePort(`tcp://${h}:${port}`)).toEqual({ kind: 'tcp', host: h, port });
      }),
    );
    fc.assert(
      fc.property(fc.ipV6(), fc.integer({ min: 1, max: 65_535 }), (h, port) => {
        expect(parsePort(`tcp://[${h}]:${port}`)).toEqual({ kind: 'tcp', host: h, port });
      }),
    );
  });
});
