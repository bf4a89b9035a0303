/**
 * One HTTP request for the CLI, on `node:http`. Not the global `fetch`: Node builds fetch on
 * undici, whose first use costs ~0.2 s of CPU, as much as the rest of `cetak status` together
 * (issue 15's start-up budget, `npm run bench:cli`).
 */

/** What the CLI reads of an answer (a fetch `Response` has these too). */
export interface HttpAnswer {
  readonly ok: boolean;
  readonly status: number;
  text(): Promise<string>;
  json(): Promise<unknown>;
}

export interface HttpInit {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Aborting rejects with the signal's reason. */
  readonly signal: AbortSignal;
}

export type HttpSend = (url: string, init: HttpInit) => Promise<HttpAnswer>;

/**
 * Sends the request and reads the whole answer. Network failures reject with Node's error, whose
 * `code` says what happened (`ECONNREFUSED`, `ENOTFOUND`…).
 */
export const httpSend: HttpSend = async (url, init) => {
  const target = new URL(url);
  const { request } = target.protocol === 'https:' ? await import('node:https') : await import('node:http');
  return new Promise((resolve, reject) => {
    const { signal } = init;
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const headers = { ...init.headers };
    if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
    const req = request(target, { method: init.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        resolve({
          ok: status >= 200 && status < 300,
          status,
          text: async () => text,
          json: async () => JSON.parse(text) as unknown,
        });
      });
    });
    const abort = () => {
      req.destroy();
      reject(signal.reason);
    };
    signal.addEventListener('abort', abort, { once: true });
    req.on('close', () => signal.removeEventListener('abort', abort));
    req.on('error', reject);
    req.end(init.body);
  });
};
