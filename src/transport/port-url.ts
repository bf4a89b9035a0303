import { isIP } from 'node:net';
import { CetakError } from '../errors.js';

/**
 * A station's `port` string, parsed. This is the only place that knows its syntax; `openLink`
 * switches on `kind`.
 */
export type PortSpec = SerialPortSpec | TcpPortSpec | UsbPortSpec | MemoryPortSpec;

export type SerialParity = 'none' | 'even' | 'odd';

export interface SerialPortSpec {
  readonly kind: 'serial';
  /** A device path (`/dev/ttyUSB0`, `/dev/serial/by-id/…`) or a Windows port (`COM3`). */
  readonly path: string;
  /** `baud`; default 115200. */
  readonly baudRate: number;
  /** Default `none`. */
  readonly parity: SerialParity;
  /** Default 8. */
  readonly dataBits: 7 | 8;
  /** Default 1. */
  readonly stopBits: 1 | 2;
  /** RTS/CTS hardware flow control; default false. */
  readonly rtscts: boolean;
}

export interface TcpPortSpec {
  readonly kind: 'tcp';
  /** A host name, IPv4 address or IPv6 address (without the brackets). */
  readonly host: string;
  readonly port: number;
}

export interface UsbPortSpec {
  readonly kind: 'usb';
  /** A USB printer-class device node, e.g. `/dev/usb/lp0`. */
  readonly path: string;
}

export interface MemoryPortSpec {
  readonly kind: 'memory';
  /** The name an in-process emulator is registered under. */
  readonly name: string;
}

/** The accepted forms, as shown in every `PORT_INVALID` error. */
export const PORT_FORMS: readonly string[] = [
  'serial:/dev/ttyUSB0?baud=115200&parity=none&dataBits=8&stopBits=1&rtscts=false (options optional)',
  'serial:COM3?baud=9600 (a bare /dev/tty…, /dev/serial/… path or COMn is taken as serial too)',
  'tcp://HOST:PORT, e.g. tcp://10.0.0.5:9100 or tcp://[fe80::1]:9100',
  'usb:/dev/usb/lp0 (a USB printer device node)',
  'memory:NAME (an in-process emulator)',
];

const SERIAL_OPTIONS = ['baud', 'parity', 'dataBits', 'stopBits', 'rtscts'] as const;
const WINDOWS_PORT = /^COM[1-9][0-9]{0,2}$/i;
const HOST_NAME =
  /^(?=.{1,253}\.?$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/;
const MEMORY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const MAX_BAUD = 4_000_000;

/** Parses a station's `port` string; throws `PORT_INVALID` naming the value and the accepted forms. */
export function parsePort(value: string): PortSpec {
  const fail = (reason: string): never => {
    throw new CetakError('PORT_INVALID', `invalid port ${JSON.stringify(value)}: ${reason}`, {
      details: PORT_FORMS.map((form) => `accepted: ${form}`),
    });
  };
  if (typeof value !== 'string' || value === '') return fail('it is empty');
  // Config values are typed by hand; a stray space or tab would otherwise surface as "no such device".
  if (/[\s\p{Cc}]/u.test(value)) return fail('it contains whitespace or control characters');

  const lower = value.toLowerCase();
  if (lower.startsWith('serial:')) return parseSerial(value.slice('serial:'.length), fail);
  if (lower.startsWith('tcp://')) return parseTcp(value.slice('tcp://'.length), fail);
  if (lower.startsWith('tcp:')) return fail('write TCP ports as tcp://HOST:PORT');
  if (lower.startsWith('usb:')) return parseUsb(value.slice('usb:'.length), fail);
  if (lower.startsWith('memory:')) {
    const name = value.slice('memory:'.length);
    if (!MEMORY_NAME.test(name)) return fail('a memory port name is letters, digits, ".", "_" and "-"');
    return { kind: 'memory', name };
  }
  // Bare serial forms: what people copy from Device Manager or `ls /dev`.
  if (WINDOWS_PORT.test(value.split('?')[0] ?? '') || /^\/dev\/(tty|serial\/)/.test(value)) {
    return parseSerial(value, fail);
  }
  return fail('unknown kind of port (expected serial:, tcp://, usb: or memory:)');
}

type Fail = (reason: string) => never;

function parseSerial(rest: string, fail: Fail): SerialPortSpec {
  const queryAt = rest.indexOf('?');
  const path = queryAt < 0 ? rest : rest.slice(0, queryAt);
  if (
    !(path.startsWith('/') && path.length > 1) &&
    !WINDOWS_PORT.test(path) &&
    !/^\\\\\.\\COM\d+$/i.test(path)
  ) {
    fail('a serial port is an absolute device path such as /dev/ttyUSB0, or COMn on Windows');
  }
  const spec = { kind: 'serial' as const, path, baudRate: 115_200, parity: 'none' as SerialParity };
  const options = { dataBits: 8 as 7 | 8, stopBits: 1 as 1 | 2, rtscts: false };
  const seen = new Set<string>();
  for (const pair of queryAt < 0 ? [] : rest.slice(queryAt + 1).split('&')) {
    if (pair === '') continue;
    const [key = '', val, ...extra] = pair.split('=');
    if (!(SERIAL_OPTIONS as readonly string[]).includes(key)) {
      fail(`unknown serial option ${JSON.stringify(key)} (known: ${SERIAL_OPTIONS.join(', ')})`);
    }
    if (val === undefined || val === '' || extra.length > 0) fail(`serial option ${key} needs one value`);
    if (seen.has(key)) fail(`serial option ${key} is given twice`);
    seen.add(key);
    const bad = (allowed: string): never => fail(`serial option ${key}=${val} is not ${allowed}`);
    switch (key) {
      case 'baud': {
        const baud = /^[0-9]{1,7}$/.test(val ?? '') ? Number(val) : 0;
        if (baud < 1 || baud > MAX_BAUD) bad(`a baud rate (1–${MAX_BAUD})`);
        spec.baudRate = baud;
        break;
      }
      case 'parity':
        if (val !== 'none' && val !== 'even' && val !== 'odd') bad('none, even or odd');
        spec.parity = val as SerialParity;
        break;
      case 'dataBits':
        if (val !== '7' && val !== '8') bad('7 or 8');
        options.dataBits = Number(val) as 7 | 8;
        break;
      case 'stopBits':
        if (val !== '1' && val !== '2') bad('1 or 2');
        options.stopBits = Number(val) as 1 | 2;
        break;
      case 'rtscts':
        if (val !== 'true' && val !== 'false') bad('true or false');
        options.rtscts = val === 'true';
        break;
    }
  }
  return { ...spec, ...options };
}

function parseTcp(rest: string, fail: Fail): TcpPortSpec {
  let host: string;
  let portText: string;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return fail('an IPv6 address needs its closing "]"');
    host = rest.slice(1, close);
    if (isIP(host) !== 6) return fail(`${JSON.stringify(host)} is not an IPv6 address`);
    if (rest[close + 1] !== ':') return fail('a TCP port needs its port number, e.g. tcp://[fe80::1]:9100');
    portText = rest.slice(close + 2);
  } else {
    const colon = rest.lastIndexOf(':');
    if (colon < 0) return fail('a TCP port needs its port number, e.g. tcp://10.0.0.5:9100');
    host = rest.slice(0, colon);
    portText = rest.slice(colon + 1);
    if (host.includes(':')) return fail(`put an IPv6 address in brackets: tcp://[${host}]:${portText}`);
    if (!HOST_NAME.test(host)) return fail(`${JSON.stringify(host)} is not a host name or IP address`);
  }
  if (!/^[0-9]{1,5}$/.test(portText)) {
    return fail(
      `the TCP port number must be 1–65535 with nothing after it (got ${JSON.stringify(portText)})`,
    );
  }
  const port = Number(portText);
  if (port < 1 || port > 65_535) return fail(`the TCP port number must be 1–65535 (got ${port})`);
  return { kind: 'tcp', host, port };
}

function parseUsb(path: string, fail: Fail): UsbPortSpec {
  if (!path.startsWith('/') || path.length < 2)
    return fail('a USB port is a device path such as /dev/usb/lp0');
  if (path.includes('?')) return fail('a USB port takes no options');
  return { kind: 'usb', path };
}
