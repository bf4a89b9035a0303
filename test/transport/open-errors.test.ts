import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { describe, expect, it } from 'vitest';
import { classifyOpenError, openError } from '../../src/transport/open-errors.js';
import { listSerialPaths } from '../../src/transport/serial-link.js';

/** An error as Node's `fs` makes it. */
const errno = (code: string, message = `${code}: failed, open '/dev/ttyUSB0'`) =>
  Object.assign(new Error(message), { code });

const serial = { description: 'serial:/dev/ttyUSB0', path: '/dev/ttyUSB0', group: 'dialout' as const };

describe('mapping open errors to coded, actionable errors', () => {
  it.each([
    [errno('ENOENT'), 'not-found'],
    [errno('ENODEV'), 'not-found'],
    [errno('EACCES'), 'permission'],
    [errno('EPERM'), 'permission'],
    [errno('EBUSY'), 'busy'],
    // serialport's native binding sets no code, only a message:
    [new Error('Error: No such file or directory, cannot open /dev/ttyUSB0'), 'not-found'],
    [new Error('Error: Permission denied, cannot open /dev/ttyUSB0'), 'permission'],
    [new Error('Error Resource temporarily unavailable Cannot lock port'), 'busy'],
    [new Error('Error: Device or resource busy, cannot open /dev/ttyUSB0'), 'busy'],
    [new Error('Opening COM3: File not found'), 'not-found'],
    [new Error('Error: Inappropriate ioctl for device setting custom baud rate of 115200'), 'other'],
    ['not even an Error', 'other'],
  ])('classifies %s', (error, expected) => {
    expect(classifyOpenError(error, 'linux')).toBe(expected);
  });

  it('reads "Access denied" on Windows as another program holding the port', () => {
    expect(classifyOpenError(new Error('Opening COM3: Access denied'), 'win32')).toBe('busy');
    expect(classifyOpenError(new Error('Opening COM3: Access denied'), 'linux')).toBe('permission');
  });

  it('EACCES on Linux says to join the dialout group and log in again', () => {
    const error = openError(errno('EACCES'), { ...serial, platform: 'linux' });
    expect(error.code).toBe('PORT_PERMISSION');
    expect(error.message).toContain('serial:/dev/ttyUSB0');
    expect(error.message).toContain(
      'add the user to the dialout group: sudo usermod -aG dialout <user>, then log in again',
    );
    expect(error.cause).toBeInstanceOf(Error);
  });

  it("the native binding's permission message maps the same way", () => {
    const native = new Error('Error: Permission denied, cannot open /dev/ttyUSB0');
    expect(openError(native, { ...serial, platform: 'linux' }).message).toMatch(/dialout/);
  });

  it('a USB printer node names the lp group instead', () => {
    const error = openError(errno('EACCES'), {
      description: 'usb:/dev/usb/lp0',
      path: '/dev/usb/lp0',
      group: 'lp',
      platform: 'linux',
    });
    expect(error.code).toBe('PORT_PERMISSION');
    expect(error.message).toContain('sudo usermod -aG lp <user>');
  });

  it('outside Linux the permission message gives no Linux command', () => {
    const error = openError(errno('EACCES'), { ...serial, platform: 'darwin' });
    expect(error.code).toBe('PORT_PERMISSION');
    expect(error.message).not.toContain('usermod');
  });

  it('a missing device lists the ports that exist, or says none were found', () => {
    const found = openError(errno('ENOENT'), { ...serial, available: ['/dev/ttyACM0', '/dev/ttyUSB1'] });
    expect(found.code).toBe('PORT_NOT_FOUND');
    expect(found.message).toContain('/dev/ttyUSB0 does not exist');
    expect(found.message).toContain('Found: /dev/ttyACM0, /dev/ttyUSB1.');
    expect(found.details).toEqual(['/dev/ttyACM0', '/dev/ttyUSB1']);
    const none = openError(errno('ENOENT'), { ...serial, available: [] });
    expect(none.message).toContain('No serial ports were found');
    const unknown = openError(errno('ENOENT'), serial);
    expect(unknown.message).not.toMatch(/Found|No serial ports/);
  });

  it('a locked or busy port is PORT_BUSY', () => {
    const error = openError(new Error('Error Resource temporarily unavailable Cannot lock port'), serial);
    expect(error.code).toBe('PORT_BUSY');
    expect(error.message).toMatch(/^serial:\/dev\/ttyUSB0: \/dev\/ttyUSB0 is in use by another program/);
  });

  it('anything else is LINK_FAILED and keeps the original reason', () => {
    const error = openError(new Error('Error: Inappropriate ioctl for device'), serial);
    expect(error.code).toBe('LINK_FAILED');
    expect(error.message).toBe(
      'serial:/dev/ttyUSB0: could not open /dev/ttyUSB0: Error: Inappropriate ioctl for device',
    );
  });
});

describe('listing serial ports for the not-found message', () => {
  it('does not spawn udevadm where it is not installed (serialport would crash the process)', async () => {
    const path = process.env.PATH;
    process.env.PATH = mkdtempSync(join(tmpdir(), 'cetak-no-udevadm-'));
    try {
      const ports = await listSerialPaths(SerialPort.binding, true, 'linux');
      expect(Array.isArray(ports)).toBe(true);
      for (const port of ports ?? []) expect(port).toMatch(/^\/dev\/(tty|serial\/)/);
    } finally {
      process.env.PATH = path;
    }
  });
});
