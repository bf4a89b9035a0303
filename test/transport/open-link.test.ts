import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CetakError, isCetakError } from '../../src/errors.js';
import { memoryLinkPair } from '../../src/transport/memory-link.js';
import { openLink } from '../../src/transport/open-link.js';
import type { ByteLink } from '../../src/transport/transport.js';
import { collect } from '../helpers/pty-pair.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('openLink', () => {
  it('opens memory: ports through the injected opener, described by the port string', async () => {
    let printerSide: ByteLink | undefined;
    const names: string[] = [];
    const link = await openLink('memory:emu-1', {
      memory: async (name) => {
        names.push(name);
        const [host, printer] = memoryLinkPair(name);
        printerSide = printer;
        return host;
      },
    });
    expect(names).toEqual(['emu-1']);
    expect(link.description).toBe('memory:emu-1');

    const got = collect(printerSide as ByteLink, 2);
    await link.write(Buffer.from([0x1b, 0xff]));
    expect(await got).toEqual(Buffer.from([0x1b, 0xff]));
    let closed = 0;
    link.onClose(() => closed++);
    await link.close();
    await Promise.resolve();
    expect(link.closed).toBe(true);
    expect(closed).toBe(1);
  });

  it('a memory: port without an emulator to open it is PORT_INVALID', async () => {
    const error = await openLink('memory:emu-1').catch((e: unknown) => e);
    expect(isCetakError(error, 'PORT_INVALID')).toBe(true);
    expect((error as Error).message).toContain('"memory:emu-1"');
  });

  it('rejects a malformed port string before opening anything', async () => {
    const error = await openLink('tcp://10.0.0.5').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CetakError);
    expect((error as CetakError).code).toBe('PORT_INVALID');
  });

  it('a daemon with only network printers never loads serialport', () => {
    // Run in a fresh process: the test runner itself has serialport loaded by other tests.
    const script = `
      import { createServer } from 'node:net';
      import { createRequire } from 'node:module';
      import { openLink } from './src/transport/open-link.ts';
      const server = createServer().listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      const link = await openLink('tcp://127.0.0.1:' + server.address().port);
      await link.close();
      server.close();
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((f) => f.includes('serialport'));
      console.log(JSON.stringify(loaded));
    `;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout.trim())).toEqual([]);
  });
});
