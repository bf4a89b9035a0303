// One station's card: state and why, problems with what to do, temperatures, today's count,
// consumables, its queue and the operator's buttons. Built once, then updated in place, so a
// refresh every few seconds never throws away what the operator is typing or pointing at.
import { h, hasFocusWithin, replaceChildren, setText } from './dom.js';
import { t } from './i18n.js';
import { createTempChart } from './temp-chart.js';
import {
  formatCelsius,
  formatNumber,
  formatTime,
  isPaused,
  problemWords,
  stateLabel,
  stateReason,
  stateTone,
} from './words.js';

/** Full-stock sizes of the reference printer: the meters' scale when the printer does not say. */
const STOCK = [
  { key: 'blanksRemaining', label: 'stock.blanks', full: 100, low: 10, testid: 'stock-blanks' },
  { key: 'ribbonRemaining', label: 'stock.ribbon', full: 500, low: 25, testid: 'stock-ribbon' },
  { key: 'filmRemaining', label: 'stock.film', full: 1000, low: 25, testid: 'stock-film' },
  { key: 'hopperSpace', label: 'stock.hopper', full: 100, low: 10, testid: 'stock-hopper' },
];
const WALK_IN_ETAS_SHOWN = 3;

/**
 * @param {string} id station id
 * @param {(path: string, body?: object) => Promise<unknown>} act sends a change (token handled by the caller)
 */
export function createStationCard(id, act) {
  const badge = h('span', { class: 'badge', testid: 'station-state' });
  const reason = h('p', { class: 'reason', testid: 'station-reason' });
  const lastError = h('p', { class: 'last-error', testid: 'station-last-error' });
  const problems = h('ul', { class: 'problems', testid: 'station-problems' });
  const kecamatan = h('span', { class: 'kecamatan' });
  const tempInternal = h('b', { testid: 'temp-internal' });
  const tempRoller = h('b', { testid: 'temp-roller' });
  const chart = createTempChart();
  const todayCount = h('span', {
    class: 'big',
    testid: 'today-count',
    dataset: { i18nTitle: 'today.countTitle' },
  });
  const todayBar = h('progress', { attrs: { max: 1, value: 0 } });
  const todayMore = h('span', { class: 'small', testid: 'today-projected' });
  const stock = STOCK.map((item) => ({
    item,
    label: h('span'),
    value: h('b', { testid: item.testid }),
    meter: h('meter', { attrs: { min: 0, max: item.full } }),
  }));
  const walkIn = h('b', { testid: 'queue-walkin' });
  const backlog = h('b', { testid: 'queue-backlog' });
  const walkInLabel = h('span');
  const backlogLabel = h('span');
  const etas = h('p', { class: 'etas', testid: 'walkin-etas' });
  const message = h('span', { class: 'card-message', testid: 'card-message', attrs: { role: 'status' } });
  const pauseButton = h('button', { testid: 'pause-toggle', attrs: { type: 'button' } });
  const warmButton = h('button', { testid: 'station-warm', attrs: { type: 'button' } });
  const standbyButton = h('button', { testid: 'station-standby', attrs: { type: 'button' } });
  const blanks = blanksForm(id, act, message);

  let last = null;
  let problemsKey = '';

  const run = async (button, path, body) => {
    button.disabled = true;
    setText(message, '');
    try {
      await act(path, body);
      setText(message, t('control.done'));
    } catch (error) {
      setText(message, error.userMessage ?? t('error.failed', { message: error.message }));
    } finally {
      button.disabled = false;
    }
  };
  // Every control is an operator action (src/operations/operator-action.ts), spelled as the API,
  // the CLI and the audit log spell it.
  const perform = (button, action) => run(button, `/api/stations/${id}/actions`, action);
  pauseButton.addEventListener('click', () =>
    perform(pauseButton, { kind: last && isPaused(last) ? 'resume' : 'pause' }),
  );
  warmButton.addEventListener('click', () => perform(warmButton, { kind: 'warm' }));
  standbyButton.addEventListener('click', () => perform(standbyButton, { kind: 'standby' }));

  const el = h(
    'article',
    {
      class: 'station-card',
      testid: 'station-card',
      dataset: { stationId: id },
      attrs: { id: `station-${id}` },
    },
    h('header', { class: 'card-head' }, h('h2', { text: id }), kecamatan, badge),
    reason,
    lastError,
    problems,
    h(
      'div',
      { class: 'temps' },
      h(
        'div',
        { class: 'temp-now' },
        h('span', { class: 'swatch swatch-internal' }),
        h('span', { dataset: { i18n: 'temp.internal' } }),
        tempInternal,
        h('span', { class: 'swatch swatch-roller' }),
        h('span', { dataset: { i18n: 'temp.roller' } }),
        tempRoller,
        h('span', { class: 'window', dataset: { i18n: 'temp.window' } }),
      ),
      chart.el,
    ),
    h(
      'div',
      { class: 'figures' },
      h('section', {}, h('h3', { dataset: { i18n: 'today.title' } }), todayCount, todayBar, todayMore),
      h(
        'section',
        {},
        h('h3', { dataset: { i18n: 'stock.title' } }),
        h(
          'dl',
          { class: 'stock' },
          ...stock.map((row) => h('div', {}, h('dt', {}, row.label), h('dd', {}, row.value, row.meter))),
        ),
      ),
      h(
        'section',
        {},
        h('h3', { dataset: { i18n: 'queue.title' } }),
        h('p', { class: 'queue-line' }, walkInLabel, walkIn),
        h('p', { class: 'queue-line' }, backlogLabel, backlog),
        etas,
      ),
    ),
    h('footer', { class: 'controls' }, pauseButton, warmButton, standbyButton, blanks.el, message),
  );

  /** Re-renders from a status entry (`station`) plus the walk-ins it serves. */
  const update = (station, context) => {
    last = station;
    el.className = `station-card ${stateTone(station)}`;
    badge.className = `badge ${stateTone(station)}`;
    setText(badge, stateLabel(station));
    setText(reason, stateReason(station, context.cutOffC));
    const showError = station.lastError && station.state !== 'ready' && station.state !== 'printing';
    setText(lastError, showError ? t('reason.lastError', { message: station.lastError }) : '');
    setText(kecamatan, context.kecamatanName ?? station.kecamatan);
    renderProblems(station.problems ?? []);
    setTemperatures(station.temperatures ?? {}, station.thermal?.inside);

    const { printed = 0, spoiled = 0, target = 0 } = station.today ?? {};
    setText(todayCount, t('today.count', { printed: formatNumber(printed), target: formatNumber(target) }));
    todayBar.max = Math.max(1, target);
    todayBar.value = Math.min(printed, todayBar.max);
    const projected = station.forecast?.projectedToday;
    setText(
      todayMore,
      [
        t('today.spoiled', { n: formatNumber(spoiled) }),
        typeof projected === 'number' ? t('today.projected', { n: formatNumber(projected) }) : null,
      ]
        .filter(Boolean)
        .join(' · '),
    );

    for (const row of stock) {
      const value = station.consumables?.[row.item.key];
      setText(row.label, t(row.item.label));
      setText(row.value, typeof value === 'number' ? formatNumber(value) : t('stock.unknown'));
      row.meter.max = Math.max(row.item.full, typeof value === 'number' ? value : 0);
      row.meter.low = row.item.low;
      row.meter.optimum = row.meter.max;
      row.meter.value = typeof value === 'number' ? value : 0;
      row.value.classList.toggle('low', typeof value === 'number' && value <= row.item.low);
    }

    setText(walkInLabel, t('queue.walkIn'));
    setText(backlogLabel, t('queue.backlog'));
    setText(walkIn, formatNumber(station.queue?.walkIn ?? 0));
    setText(backlog, formatNumber(station.queue?.backlog ?? 0));
    const shown = (context.walkIns ?? []).slice(0, WALK_IN_ETAS_SHOWN);
    replaceChildren(
      etas,
      shown.length > 0 && `${t('queue.etasLead')} `,
      shown.map((job, i) =>
        h(
          'span',
          { testid: 'walkin-eta', dataset: { jobId: job.id } },
          job.eta ? t('queue.eta', { time: formatTime(job.eta) }) : t('queue.etaUnknown'),
          i < shown.length - 1 ? ', ' : '',
        ),
      ),
    );

    setText(pauseButton, t(isPaused(station) ? 'control.resume' : 'control.pause'));
    pauseButton.classList.toggle('primary', isPaused(station));
    setText(warmButton, t('control.warm'));
    setText(standbyButton, t('control.standby'));
    blanks.relabel();
    // A printer out of blanks: open the form so the count is one step away.
    if ((station.problems ?? []).includes('feeder-empty')) blanks.el.open = true;
  };

  const renderProblems = (codes) => {
    const key = `${codes.join(',')}|${t('problem.card-jam')}`;
    if (key === problemsKey || hasFocusWithin(problems)) return;
    problemsKey = key;
    replaceChildren(
      problems,
      problemWords(codes).map((p) =>
        h(
          'li',
          { testid: 'station-problem', dataset: { problem: p.code } },
          h('strong', { text: p.what }),
          h('span', { text: ` ${p.todo}` }),
          p.action &&
            h('button', {
              class: 'primary',
              testid: `action-${p.action}`,
              text: t(`action.${p.action}`),
              attrs: { type: 'button' },
              on: {
                click: (event) => perform(event.currentTarget, { kind: 'at-printer', did: p.action }),
              },
            }),
        ),
      ),
    );
  };

  /**
   * A printer that reports no temperatures shows Cetak's estimate of its inside instead, marked
   * with ≈ and its band, so nobody mistakes it for a reading.
   */
  const setTemperatures = ({ internalC, rollerC }, inside) => {
    const estimated = internalC === undefined && inside?.source === 'estimated' ? inside : undefined;
    setText(tempInternal, estimated ? `≈ ${formatCelsius(estimated.c)}` : formatCelsius(internalC));
    tempInternal.title = estimated
      ? t('temp.estimated', { low: formatCelsius(estimated.low), high: formatCelsius(estimated.high) })
      : '';
    setText(tempRoller, formatCelsius(rollerC));
  };

  return {
    el,
    update,
    /** A live reading from the event stream (faster than status reads). */
    setTemperatures,
    drawChart: (points, cutOffC, nowMs) => chart.draw(points, cutOffC, nowMs),
  };
}

/** "Load blanks": count (and batch) of blanks put into the feeder, for the blank ledger. */
function blanksForm(id, act, message) {
  const count = h('input', {
    testid: 'blanks-count',
    attrs: { type: 'number', min: 1, max: 1000, step: 1, inputmode: 'numeric', required: true },
  });
  const batch = h('input', { testid: 'blanks-batch', attrs: { type: 'text', maxlength: 40 } });
  const submit = h('button', { class: 'primary', testid: 'blanks-submit', attrs: { type: 'submit' } });
  const summary = h('summary', { testid: 'blanks-open' });
  const countLabel = h('span');
  const batchLabel = h('span');
  const form = h(
    'form',
    {
      on: {
        submit: async (event) => {
          event.preventDefault();
          const n = Number(count.value);
          if (!Number.isInteger(n) || n <= 0) {
            setText(message, t('blanks.bad'));
            return;
          }
          submit.disabled = true;
          try {
            await act(`/api/stations/${id}/blanks`, {
              count: n,
              ...(batch.value.trim() && { batch: batch.value.trim() }),
            });
            setText(message, t('blanks.done', { n }));
            count.value = '';
            batch.value = '';
            el.open = false;
          } catch (error) {
            setText(message, error.userMessage ?? t('error.failed', { message: error.message }));
          } finally {
            submit.disabled = false;
          }
        },
      },
    },
    h('label', {}, countLabel, count),
    h('label', {}, batchLabel, batch),
    submit,
  );
  const el = h('details', { class: 'blanks', testid: 'blanks-form' }, summary, form);
  return {
    el,
    relabel: () => {
      setText(summary, t('blanks.open'));
      setText(countLabel, t('blanks.count'));
      setText(batchLabel, t('blanks.batch'));
      setText(submit, t('blanks.submit'));
    },
  };
}
