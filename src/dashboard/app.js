// Wires the dashboard together: loads the fleet, listens to the daemon's events, re-reads the
// status when something changed (throttled), and shows clearly when the data has gone stale.
import { ApiError, getJson, postJson, setToken, TokenNeeded, takeTokenFromUrl } from './api.js';
import { setText } from './dom.js';
import { invalidateFleetStrip, renderFleetStrip } from './fleet-strip.js';
import { applyStatic, getLang, onLangChange, setLang, t } from './i18n.js';
import { connectEvents, DaemonClock, throttle } from './live.js';
import { createAlertsPanel, createPromotePanel, createUncertainPanel } from './side-panels.js';
import { createStationCard } from './station-card.js';
import { WINDOW_MS } from './temp-chart.js';
import { formatTime, storeReasonWords } from './words.js';

/** A job or station event triggers at most one status read per this long. */
const REFRESH_THROTTLE_MS = 2_000;
/** Status reads even without events: forecasts count down by themselves. */
const POLL_LIVE_MS = 5_000;
const POLL_WITHOUT_EVENTS_MS = 2_000;

takeTokenFromUrl();
applyStatic();

const $ = (id) => document.getElementById(id);
const clock = new DaemonClock();
const cards = new Map();
/** Per station: [{at (daemon ms), internalC, rollerC}], oldest first. */
const temps = new Map();
let cutOffC = {};
let status = null;
let lastOkWall = null;
let lastRefreshWall = 0;
let fetchFailed = false;
let eventsDown = false;
let alertsFromServer = true;
const dirtyCharts = new Set();

// ---- changes, with the token asked for inline when needed -------------------------------------

let tokenWaiters = [];

async function act(path, body) {
  try {
    const answer = await postJson(path, body);
    refreshSoon();
    return answer;
  } catch (error) {
    if (error instanceof TokenNeeded) {
      await askForToken(error.rejected);
      return act(path, body);
    }
    error.userMessage = userMessage(error);
    throw error;
  }
}

function userMessage(error) {
  if (error instanceof ApiError) {
    const detail = error.problems.length > 0 ? ` (${error.problems.join('; ')})` : '';
    return t('error.failed', { message: `${error.message}${detail}` });
  }
  return error instanceof TypeError ? t('error.network') : t('error.failed', { message: error.message });
}

function askForToken(rejected) {
  const box = $('token-box');
  box.hidden = false;
  setText($('token-message'), t(rejected ? 'token.rejected' : 'token.needed'));
  $('token-input').focus();
  return new Promise((resolve, reject) => tokenWaiters.push({ resolve, reject }));
}

$('token-box').addEventListener('submit', (event) => {
  event.preventDefault();
  const value = $('token-input').value.trim();
  if (!value) return;
  setToken(value);
  $('token-input').value = '';
  $('token-box').hidden = true;
  const waiters = tokenWaiters;
  tokenWaiters = [];
  for (const waiter of waiters) waiter.resolve();
});

$('token-cancel').addEventListener('click', () => {
  $('token-box').hidden = true;
  const waiters = tokenWaiters;
  tokenWaiters = [];
  const error = new Error('token needed');
  error.userMessage = t('token.needed');
  for (const waiter of waiters) waiter.reject(error);
});

// ---- panels ---------------------------------------------------------------------------------

const promote = createPromotePanel(act, async (jobId) => {
  await refresh();
  const walkIns = (status?.kecamatan ?? []).flatMap((k) => k.walkIns ?? []);
  return walkIns.find((w) => w.id === jobId)?.eta ?? null;
});
const uncertain = createUncertainPanel(act, () => refreshSoon());
const alerts = createAlertsPanel(act);
$('side').append(promote.el, uncertain.el, alerts.el);
applyStatic($('side'));

// ---- reading the daemon ---------------------------------------------------------------------

/** Re-reads status, uncertain jobs and alerts; each panel copes alone with a route it lacks. */
async function refresh() {
  lastRefreshWall = Date.now();
  const [fleet, jobs, alertList] = await Promise.allSettled([
    getJson('/api/status'),
    getJson('/api/jobs?state=uncertain&limit=50'),
    alertsFromServer ? getJson('/api/alerts') : Promise.resolve(null),
  ]);
  if (fleet.status === 'fulfilled') {
    fetchFailed = false;
    lastOkWall = Date.now();
    renderStatus(fleet.value);
  } else {
    fetchFailed = true;
  }
  if (jobs.status === 'fulfilled') uncertain.update(jobs.value?.jobs ?? []);
  else if (isMissingRoute(jobs.reason)) uncertain.update(null);
  if (alertList.status === 'fulfilled' && alertList.value) alerts.update(alertList.value.alerts ?? []);
  else if (alertList.status === 'rejected' && isMissingRoute(alertList.reason)) alertsFromServer = false;
  renderStale();
}

const refreshSoon = throttle(() => void refresh(), REFRESH_THROTTLE_MS);

function isMissingRoute(error) {
  return error instanceof ApiError && error.status === 404;
}

/** The last two hours of readings, so a freshly opened page shows a full chart. */
async function loadTemperatures() {
  try {
    const body = await getJson(`/api/temperatures?minutes=${WINDOW_MS / 60_000}`);
    cutOffC = body.cutOffC ?? {};
    for (const [id, readings] of Object.entries(body.stations ?? {})) {
      const points = readings
        .map((r) => ({ at: Date.parse(r.at), internalC: r.internalC, rollerC: r.rollerC }))
        .filter((p) => !Number.isNaN(p.at))
        .sort((a, b) => a.at - b.at);
      // Keep live readings newer than the history (they may have arrived while it loaded).
      const newest = points.at(-1)?.at ?? 0;
      temps.set(id, [...points, ...(temps.get(id) ?? []).filter((p) => p.at > newest)]);
      dirtyCharts.add(id);
    }
  } catch {
    // An older daemon: the chart fills from the live readings instead.
  }
}

function addReading(id, at, internalC, rollerC) {
  const points = temps.get(id) ?? [];
  if (points.length > 0 && at <= points.at(-1).at) return;
  points.push({ at, internalC, rollerC });
  const from = at - WINDOW_MS - 15 * 60_000;
  while (points.length > 0 && points[0].at < from) points.shift();
  temps.set(id, points);
  dirtyCharts.add(id);
}

// ---- rendering ------------------------------------------------------------------------------

function renderStatus(next) {
  status = next;
  clock.observe(next.now);
  setText($('site'), next.site);
  const now = Date.parse(next.now);
  const stationsEl = $('stations');
  for (const station of next.stations) {
    let card = cards.get(station.id);
    if (!card) {
      card = createStationCard(station.id, act);
      cards.set(station.id, card);
      applyStatic(card.el);
    }
    // Appending an existing node moves it: the cards follow the daemon's order.
    if (stationsEl.children[next.stations.indexOf(station)] !== card.el) stationsEl.append(card.el);
    const kecamatan = next.kecamatan.find((k) => k.id === station.kecamatan);
    const walkIns = next.kecamatan
      .filter((k) => k.printsAt === station.kecamatan)
      .flatMap((k) => k.walkIns ?? [])
      .sort((a, b) => String(a.eta ?? '~').localeCompare(String(b.eta ?? '~')));
    card.update(station, { kecamatanName: kecamatan?.name, walkIns, cutOffC: cutOffC[station.id] });
    addReading(station.id, now, station.temperatures?.internalC, station.temperatures?.rollerC);
  }
  for (const [id, card] of cards) {
    if (!next.stations.some((s) => s.id === id)) {
      card.el.remove();
      cards.delete(id);
    }
  }
  renderFleetStrip($('fleet-strip'), next.stations);
  renderStore(next.store);
  drawCharts(true);
}

/** A store that cannot be written (a full disk: "disk full: 0.2 MB free, need 1 MB") stops all intake: say so on top. */
function renderStore(store) {
  const problem = store && store.writable === false ? (store.reason ?? '') : null;
  $('store-banner').hidden = problem === null;
  setText($('store-text'), problem === null ? '' : t('store.banner', { reason: storeReasonWords(problem) }));
}

function drawCharts(all = false) {
  const now = clock.now();
  for (const [id, card] of cards) {
    if (all || dirtyCharts.has(id)) card.drawChart(temps.get(id) ?? [], cutOffC[id], now);
  }
  dirtyCharts.clear();
}

function renderStale() {
  const stale = fetchFailed || eventsDown;
  document.body.classList.toggle('stale', stale);
  $('stale-banner').hidden = !stale;
  setText(
    $('stale-text'),
    lastOkWall === null ? t('stale.never') : t('stale.banner', { time: formatTime(lastOkWall, true) }),
  );
  const live = $('live-state');
  const mode = stale ? 'lost' : events.live ? 'live' : status ? 'polling' : 'loading';
  live.className = `live-state live-${mode}`;
  setText(live, t(`live.${mode}`));
}

// ---- live updates ---------------------------------------------------------------------------

function onEvent(type, data) {
  lastOkWall = Date.now();
  if (type === 'temperature') {
    cards.get(data.station)?.setTemperatures(data);
    addReading(data.station, data.at ? Date.parse(data.at) : clock.now(), data.internalC, data.rollerC);
    return;
  }
  if (type === 'station' && status) {
    // Show the new state at once; the throttled status read fills in forecasts and counts.
    const station = status.stations.find((s) => s.id === data.station);
    if (station) {
      Object.assign(station, {
        state: data.state,
        problems: data.problems,
        paused: data.paused,
        currentJob: data.currentJob,
        lastError: data.lastError,
      });
      if (!data.paused) station.pausedSince = null;
      renderStatus(status);
    }
  }
  if (type === 'alert' && !alertsFromServer)
    alerts.add({ ...data, at: data.at ?? new Date(clock.now()).toISOString() });
  if (type === 'reset') void loadTemperatures();
  refreshSoon();
}

const events = connectEvents({
  onEvent,
  onOpen: () => {
    eventsDown = false;
    // Whatever happened while away is re-read rather than replayed piecemeal.
    void loadTemperatures().then(refresh);
  },
  onDown: (wasLive) => {
    if (wasLive) eventsDown = true;
    renderStale();
    refreshSoon();
  },
});

setInterval(() => {
  const period = events.live ? POLL_LIVE_MS : POLL_WITHOUT_EVENTS_MS;
  if (Date.now() - lastRefreshWall >= period) refreshSoon();
  if (status) setText($('clock'), `${status.day} · ${formatTime(clock.now(), true)}`);
  if (dirtyCharts.size > 0) drawCharts();
}, 1_000);

// ---- language -------------------------------------------------------------------------------

const langButton = $('lang-switch');
const relabel = () => {
  setText(langButton, t('lang.other'));
  langButton.title = t('lang.switchTitle');
  promote.relabel();
  uncertain.relabel();
  alerts.relabel();
  invalidateFleetStrip();
  if (status) renderStatus(status);
  renderStale();
};
langButton.addEventListener('click', () => setLang(getLang() === 'id' ? 'en' : 'id'));
onLangChange(relabel);
relabel();
void loadTemperatures().then(refresh);
