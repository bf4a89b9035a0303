import type { FastifyInstance } from 'fastify';
import { CetakError } from '../errors.js';

/** Listens on `host:port`; an address in use or not ours becomes `STATUS_PORT_UNAVAILABLE` saying what to do. */
export async function listenOn(app: FastifyInstance, host: string, port: number): Promise<string> {
  try {
    return await app.listen({ host, port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      const why = {
        EADDRINUSE: 'is in use (another cetakd?)',
        EACCES: 'needs privileges',
        EADDRNOTAVAIL: 'is not an address of this PC',
      }[code];
      throw new CetakError(
        'STATUS_PORT_UNAVAILABLE',
        `status port ${host}:${port} ${why}; choose another with --port or --host`,
        { cause: error },
      );
    }
    throw error;
  }
}
