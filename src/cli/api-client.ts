import type { Clock } from '../clock/clock.js';
import { CLI_EXIT, CliError, type CliIo, type CommonOptions } from './commands/cli-support.js';
import {
  type DaemonTarget,
  locateDaemon,
  tokenRefusedMessage,
  unreachableMessage,
} from './daemon-locator.js';
import { type HttpAnswer, type HttpSend, httpSend } from './http-send.js';

/** The daemon refused a request: its HTTP status, error code and problems. */
export class ApiError extends CliError {
  readonly status: number;
  readonly code: string;
  readonly problems: readonly string[];
  readonly body: unknown;

  constructor(exitCode: number, status: number, code: string, message: string, body: unknown) {
    super(exitCode, message);
    this.status = status;
    this.code = code;
    const problems = (body as { problems?: unknown } | undefined)?.problems;
    this.problems = Array.isArray(problems) ? problems.map(String) : [];
    this.body = body;
  }
}

export interface RequestOptions {
  readonly body?: unknown;
  /** Default: the client's. */
  readonly timeoutMs?: number;
  /**
   * How often to try again after a lost connection or a timeout (default 0). Only for requests
   * that are safe to repeat, such as an import batch whose rows carry request ids.
   */
  readonly retries?: number;
}

export interface ApiClientOptions {
  readonly target: DaemonTarget;
  readonly clock: Clock;
  /** Per request, default 30 s. */
  readonly timeoutMs?: number;
  /** Default: {@link httpSend} (a fetch-like function of tests may stand in). */
  readonly send?: HttpSend;
}

const RETRY_DELAY_MS = 500;

/**
 * The daemon's HTTP API for the CLI. Every failure becomes a {@link CliError} with the exit code
 * and a message an operator can act on: no daemon (69), token refused (77), something named that
 * the daemon does not have (67) or a request refused (65), both as an {@link ApiError} with the
 * daemon's message and problems, anything else (70).
 */
export class ApiClient {
  readonly target: DaemonTarget;
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #send: HttpSend;

  constructor(options: ApiClientOptions) {
    this.target = options.target;
    this.#clock = options.clock;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#send = options.send ?? httpSend;
  }

  /** GETs JSON. */
  async get<T>(path: string): Promise<T> {
    return (await this.#request('GET', path, {})).json() as Promise<T>;
  }

  /** GETs a body as text (a CSV report). */
  async getText(path: string): Promise<string> {
    return (await this.#request('GET', path, {})).text();
  }

  /** POSTs JSON (with the token) and returns the JSON answer. */
  async post<T>(path: string, body: unknown, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return (await this.#request('POST', path, { ...options, body })).json() as Promise<T>;
  }

  async #request(method: 'GET' | 'POST', path: string, options: RequestOptions): Promise<HttpAnswer> {
    const retries = options.retries ?? 0;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#once(method, path, options);
      } catch (error) {
        if (!(error instanceof Unreachable)) throw error;
        if (!error.worthRetrying || attempt >= retries) {
          throw new CliError(CLI_EXIT.UNAVAILABLE, unreachableMessage(this.target, error.message), {
            cause: error,
          });
        }
        await this.#clock.sleep(RETRY_DELAY_MS * 2 ** attempt);
      }
    }
  }

  async #once(method: 'GET' | 'POST', path: string, options: RequestOptions): Promise<HttpAnswer> {
    const controller = new AbortController();
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    const timer = this.#clock.setTimeout(
      () => controller.abort(new Unreachable(`no answer within ${timeoutMs / 1000} s`, true)),
      timeoutMs,
    );
    let response: HttpAnswer;
    try {
      response = await this.#send(`${this.target.url}${path}`, {
        method,
        signal: controller.signal,
        headers: {
          accept: 'application/json, text/csv;q=0.9',
          ...(options.body !== undefined && { 'content-type': 'application/json' }),
          ...(this.target.token !== undefined && { authorization: `Bearer ${this.target.token}` }),
        },
        ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
      });
    } catch (error) {
      throw networkError(error);
    } finally {
      this.#clock.clearTimeout(timer);
    }
    if (response.ok) return response;
    throw await this.#refusal(response);
  }

  async #refusal(response: HttpAnswer): Promise<CliError> {
    const text = await response.text().catch(() => '');
    let body: { error?: unknown; message?: unknown } | undefined;
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      body = undefined;
    }
    const code = typeof body?.error === 'string' ? body.error : `HTTP_${response.status}`;
    const message = typeof body?.message === 'string' ? body.message : `HTTP ${response.status}`;
    const status = response.status;
    if (status === 401)
      return new ApiError(CLI_EXIT.NO_PERMISSION, status, code, tokenRefusedMessage(this.target), body);
    if (status === 404 && code === 'NOT_FOUND') {
      return new ApiError(
        CLI_EXIT.SOFTWARE,
        status,
        code,
        `the daemon at ${this.target.url} does not know this request (${message}); is it an older version?`,
        body,
      );
    }
    // Any other 404 names something the daemon does not have: a job, a queued NIK, a station.
    if (status === 404) return new ApiError(CLI_EXIT.NOT_FOUND, status, code, message, body);
    if (status >= 400 && status < 500) return new ApiError(CLI_EXIT.DATA_ERROR, status, code, message, body);
    if (status === 503)
      return new ApiError(
        CLI_EXIT.UNAVAILABLE,
        status,
        code,
        `the daemon is not taking requests: ${message}`,
        body,
      );
    return new ApiError(CLI_EXIT.SOFTWARE, status, code, `the daemon failed: ${message}`, body);
  }
}

/**
 * The daemon could not be reached. A broken connection or a late answer is worth another try;
 * a refused connection or an unknown host is not (nothing listens there).
 */
class Unreachable extends Error {
  readonly worthRetrying: boolean;

  constructor(message: string, worthRetrying: boolean) {
    super(message);
    this.worthRetrying = worthRetrying;
  }
}

function networkError(error: unknown): Unreachable {
  if (error instanceof Unreachable) return error;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return new Unreachable('connection refused', false);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new Unreachable('unknown host', false);
  return new Unreachable(code ?? cause?.message ?? (error as Error).message, true);
}

/** A client for the daemon the common options point at (`--url`, or the data dir's daemon.json). */
export function connect(
  options: Pick<CommonOptions, 'dataDir' | 'url' | 'token'>,
  io: Pick<CliIo, 'env' | 'clock'>,
  timeoutMs?: number,
): ApiClient {
  return new ApiClient({
    target: locateDaemon(options, io.env),
    clock: io.clock,
    ...(timeoutMs !== undefined && { timeoutMs }),
  });
}
