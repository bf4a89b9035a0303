// Keeping the page live: the daemon's event stream (Server-Sent Events), a throttle for re-reading
// the status, and an estimate of the daemon's clock (which runs N times faster under --speed).

const EVENT_TYPES = ['station', 'temperature', 'job', 'alert', 'reset'];
/** EventSource retries a dropped stream by itself, but gives up for good on an HTTP error. */
const REOPEN_MS = 5_000;

/**
 * Opens `/api/events` and keeps it open. `onOpen` runs at every (re)connection: events sent while
 * the page was away may be lost, so the caller re-reads the status then. `onDown(wasLive)` runs on
 * each failure; `wasLive` is false while the stream has never worked (e.g. an older daemon without
 * the route), so the page can fall back to polling without crying "stale".
 */
export function connectEvents({ onEvent, onOpen, onDown }) {
  let source = null;
  let everOpened = false;
  let reopenTimer = null;

  const open = () => {
    source = new EventSource('/api/events');
    source.addEventListener('open', () => {
      everOpened = true;
      onOpen();
    });
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, (message) => {
        let data;
        try {
          data = JSON.parse(message.data || '{}');
        } catch {
          return; // A malformed message must not stop the stream's other messages.
        }
        onEvent(type, data);
      });
    }
    source.addEventListener('error', () => {
      onDown(everOpened);
      if (source.readyState === EventSource.CLOSED) {
        clearTimeout(reopenTimer);
        reopenTimer = setTimeout(open, REOPEN_MS);
      }
    });
  };
  open();
  return {
    /** True while events are flowing. */
    get live() {
      return source?.readyState === EventSource.OPEN;
    },
  };
}

/**
 * Calls `fn` at most once per `ms`: the first call runs at once, calls during the pause collapse
 * into one trailing run. A burst of job events then costs one status read, not fifty.
 */
export function throttle(fn, ms) {
  let last = 0;
  let timer = null;
  return () => {
    if (timer) return;
    const wait = last + ms - Date.now();
    if (wait <= 0) {
      last = Date.now();
      fn();
      return;
    }
    timer = setTimeout(() => {
      timer = null;
      last = Date.now();
      fn();
    }, wait);
  };
}

/**
 * The daemon's "now", estimated between status reads. Temperature events carry no time of their
 * own, and the daemon's clock may run faster than the wall (`--speed`), so the chart places live
 * readings on the daemon's time line using the rate seen between two status reads.
 */
export class DaemonClock {
  #daemonMs = null;
  #wallMs = 0;
  #rate = 1;

  observe(iso) {
    const daemonMs = Date.parse(iso);
    if (Number.isNaN(daemonMs)) return;
    const wallMs = Date.now();
    if (this.#daemonMs !== null && wallMs - this.#wallMs > 1_000 && daemonMs > this.#daemonMs) {
      this.#rate = Math.min(10_000, Math.max(1, (daemonMs - this.#daemonMs) / (wallMs - this.#wallMs)));
    }
    this.#daemonMs = daemonMs;
    this.#wallMs = wallMs;
  }

  now() {
    return this.#daemonMs === null ? Date.now() : this.#daemonMs + (Date.now() - this.#wallMs) * this.#rate;
  }
}
