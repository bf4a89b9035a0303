// Turns the daemon's codes and numbers into the plain words an operator reads at the counter.
import { has, locale, t } from './i18n.js';

/** The operator action that clears each problem (feeder-empty is cleared by loading blanks). */
export const PROBLEM_ACTION = {
  'card-jam': 'jam-cleared',
  'hopper-full': 'hopper-emptied',
  'ribbon-out': 'ribbon-replaced',
  'film-out': 'film-replaced',
  'cover-open': 'cover-closed',
};

const STATES_WITH_ETA = new Set(['standby', 'warming', 'printing', 'overheated']);

/** "4 mnt", "35 dtk", "1 j 5 mnt". Seconds are the daemon's, which may run faster than the wall. */
export function formatEta(seconds) {
  if (seconds <= 5) return t('eta.now');
  if (seconds < 90) return t('eta.seconds', { n: Math.round(seconds) });
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t('eta.minutes', { n: minutes });
  return t('eta.hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

/**
 * HH:MM (or HH:MM:SS) in the browser's zone (the office PC runs on the office's time). Built by hand
 * with colons in both languages: Intl writes "10.01" for id-ID, which reads like a number.
 */
export function formatTime(value, withSeconds = false) {
  if (value === null || value === undefined) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '—';
  const parts = [date.getHours(), date.getMinutes(), ...(withSeconds ? [date.getSeconds()] : [])];
  return parts.map((n) => String(n).padStart(2, '0')).join(':');
}

export function formatNumber(n, digits = 0) {
  return new Intl.NumberFormat(locale(), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(n);
}

export function formatCelsius(c) {
  return typeof c === 'number' ? `${formatNumber(c, 1)} °C` : '—';
}

/**
 * The state to show. The daemon already shows a station with a card in progress as `printing`
 * (`src/station/displayed-state.ts`); this only covers an older daemon's answer.
 */
export function shownState(station) {
  return station.currentJob && station.state === 'ready' ? 'printing' : station.state;
}

/**
 * The badge word: a paused station says so whatever its printer is doing, except one an operator
 * put in standby (paused with its heater off), which is in standby, not merely paused.
 */
export function stateLabel(station) {
  if (isOperatorStandby(station)) return t('state.standby');
  return isPaused(station) && station.state !== 'offline'
    ? t('state.paused')
    : t(`state.${shownState(station)}`);
}

/** Paused by an operator and the printer's heater off: what `standby` on the station does. */
function isOperatorStandby(station) {
  return isPaused(station) && station.state === 'standby';
}

/** Whether an operator paused the station (status gives `pausedSince`, events `paused`). */
export function isPaused(station) {
  return Boolean(station.paused ?? station.pausedSince);
}

/** How close to its cut-off a printer's inside must be for an idle, ready station to be "holding". */
const HOLDING_WITHIN_C = 6;

/**
 * One line saying why the station is in its state and when it will be ready. `cutOffC` (from the
 * temperature history) explains a ready printer that leaves its queue waiting: the thermal pacer
 * is letting it cool so that the next card cannot shut it off.
 */
export function stateReason(station, cutOffC) {
  if (isOperatorStandby(station)) {
    return station.pausedSince
      ? t('reason.standbyByOperator', { time: formatTime(station.pausedSince) })
      : t('reason.standbyByOperatorNoTime');
  }
  if (isPaused(station) && station.state !== 'offline') {
    return station.pausedSince
      ? t('reason.paused', { time: formatTime(station.pausedSince) })
      : t('reason.pausedNoTime');
  }
  if (station.state === 'offline') {
    return station.lastSeen
      ? t('reason.offline', { time: formatTime(station.lastSeen) })
      : t('reason.offlineNever');
  }
  if (shownState(station) !== station.state)
    return t('reason.printingJob', { id: station.currentJob.slice(0, 8) });
  const readyIn = station.forecast?.readyInSeconds;
  if (STATES_WITH_ETA.has(station.state)) {
    return typeof readyIn === 'number'
      ? t(`reason.${station.state}`, { eta: formatEta(readyIn) })
      : t(`state.${station.state}`);
  }
  const queued = (station.queue?.walkIn ?? 0) + (station.queue?.backlog ?? 0);
  const internal = station.temperatures?.internalC;
  if (
    station.state === 'ready' &&
    queued > 0 &&
    typeof cutOffC === 'number' &&
    typeof internal === 'number' &&
    internal >= cutOffC - HOLDING_WITHIN_C
  ) {
    return t('reason.holding');
  }
  return t(`reason.${station.state}`);
}

/** [{code, what, todo, action}] for the station's problems, in plain words. */
export function problemWords(problems) {
  return (problems ?? []).map((code) => ({
    code,
    what: t(`problem.${code}`),
    todo: t(`todo.${code}`),
    action: PROBLEM_ACTION[code] ?? null,
  }));
}

/** The colour class of a state (a problem or pause overrides the printer's own state). */
export function stateTone(station) {
  if (station.state === 'offline' || station.state === 'stopped') return 'tone-bad';
  if ((station.problems ?? []).length > 0 || station.state === 'overheated') return 'tone-warn';
  if (isPaused(station)) return 'tone-paused';
  if (shownState(station) === 'printing') return 'tone-busy';
  if (station.state === 'ready') return 'tone-ok';
  if (['warming', 'connecting', 'cooling'].includes(station.state)) return 'tone-pending';
  return 'tone-idle';
}

/**
 * An alert in the operator's language when its code is known here; otherwise the daemon's own
 * (English) message. Problem alerts reuse the problem words, so both say the same thing.
 */
export function alertWords(alert) {
  const code = String(alert.code ?? '');
  const problem = code.toLowerCase();
  if (has(`problem.${problem}`)) return `${t(`problem.${problem}`)}. ${t(`todo.${problem}`)}`;
  if (code === 'BLANKS_LOW') {
    const count = /(\d+) blanks?/.exec(alert.message ?? '')?.[1];
    if (count !== undefined) return t('alert.BLANKS_LOW', { n: count });
  }
  const message = String(alert.message ?? '');
  if (code === 'STORE_UNAVAILABLE' && has('alert.STORE_UNAVAILABLE')) {
    return t('alert.STORE_UNAVAILABLE', { reason: storeReasonWords(message.split(';')[0]) });
  }
  if (code === 'PRINTER_UNLIKE_PROFILE') {
    const words = unlikeProfileWords(message);
    if (words !== undefined) return words;
  }
  if (has(`alert.${code}`)) return t(`alert.${code}`);
  return (message || code).replace(/^[a-z0-9-]+: /, '');
}

/**
 * Why the job store cannot be written, as the daemon says it (src/store/store-health.ts,
 * src/store/disk-space.ts), in the operator's language; the daemon's words where not known here.
 */
export function storeReasonWords(reason) {
  const text = String(reason ?? '');
  const full = /disk full: ([\d.]+) MB free, need ([\d.]+) MB/.exec(text);
  if (full && has('storeReason.full')) return t('storeReason.full', { free: full[1], need: full[2] });
  const known = STORE_REASONS.find(([pattern]) => pattern.test(text));
  return known && has(known[1]) ? t(known[1]) : text;
}

const STORE_REASONS = [
  [/has become read-only/, 'storeReason.readOnly'],
  [/reports errors/, 'storeReason.diskErrors'],
  [/locked by another program/, 'storeReason.locked'],
];

/**
 * `sbu1-a: cools more slowly than its profile says (dust, a failing fan?): 36.9 against 25; worth
 * a technician's look` (src/station/thermal-view.ts) in the operator's language.
 */
function unlikeProfileWords(message) {
  const figures = /: ([\d.]+) against ([\d.]+)/.exec(message);
  const finding = UNLIKE_PROFILE.find(([phrase]) => message.includes(phrase));
  if (!figures || !finding || !has(finding[1])) return undefined;
  return t('alert.PRINTER_UNLIKE_PROFILE', {
    finding: t(finding[1]),
    learnt: figures[1],
    profile: figures[2],
  });
}

const UNLIKE_PROFILE = [
  ['heats more per card', 'unlike.heatsMore'],
  ['heats less per card', 'unlike.heatsLess'],
  ['cools more slowly', 'unlike.coolsSlower'],
  ['cools faster', 'unlike.coolsFaster'],
  ['runs hotter at idle', 'unlike.idleHotter'],
  ['runs cooler at idle', 'unlike.idleCooler'],
];
