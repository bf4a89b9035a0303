// The right-hand column: promote a walk-in by NIK, settle uncertain cards, and the alerts list.
import { ApiError, getImageUrl } from './api.js';
import { h, replaceChildren, setText } from './dom.js';
import { t } from './i18n.js';
import { alertWords, formatEta, formatTime } from './words.js';

const ALERTS_SHOWN = 30;

/** "Warga datang langsung": a resident at the counter whose card is already in the backlog. */
export function createPromotePanel(act, etaOf) {
  const input = h('input', {
    testid: 'promote-nik',
    attrs: {
      type: 'text',
      inputmode: 'numeric',
      autocomplete: 'off',
      maxlength: 16,
      pattern: '[0-9]{16}',
      id: 'promote-nik',
      required: true,
    },
  });
  const result = h('p', { class: 'result', testid: 'promote-result', attrs: { role: 'status' } });
  const submit = h('button', { class: 'primary', testid: 'promote-submit', attrs: { type: 'submit' } });
  const form = h(
    'form',
    {
      class: 'promote',
      // Our own message for a bad NIK, in the page's language, instead of the browser's tooltip.
      attrs: { novalidate: true },
      on: {
        submit: async (event) => {
          event.preventDefault();
          const nik = input.value.replace(/\s+/g, '');
          result.className = 'result';
          if (!/^\d{16}$/.test(nik)) return showResult(t('promote.badNik'), 'error');
          submit.disabled = true;
          try {
            const job = await act('/api/jobs/promote', { nik });
            input.value = '';
            const eta = await etaOf(job?.id);
            showResult(eta ? t('promote.ok', { time: formatTime(eta) }) : t('promote.okNoEta'), 'ok');
            await showPreview(job?.id);
          } catch (error) {
            const notFound = error instanceof ApiError && error.code === 'JOB_NOT_FOUND';
            showResult(notFound ? t('promote.notFound') : error.userMessage, 'error');
          } finally {
            submit.disabled = false;
          }
        },
      },
    },
    h('label', { attrs: { for: 'promote-nik' }, dataset: { i18n: 'promote.label' } }),
    input,
    submit,
  );
  const showResult = (text, kind) => {
    setText(result, text);
    result.className = `result ${kind}`;
  };
  // The card as it will print, while the resident is still at the counter: a wrong name caught
  // here saves a blank.
  const preview = h('img', { class: 'card-preview', testid: 'promote-preview', attrs: { hidden: true } });
  const showPreview = async (jobId) => {
    if (preview.src) URL.revokeObjectURL(preview.src);
    preview.removeAttribute('src');
    preview.hidden = true;
    if (!jobId) return;
    try {
      preview.src = await getImageUrl(`/api/jobs/${encodeURIComponent(jobId)}/preview.png`);
      preview.alt = t('promote.previewAlt');
      preview.hidden = false;
    } catch {
      // A preview is a courtesy: the promotion itself has succeeded.
    }
  };
  const el = h(
    'section',
    { class: 'panel', testid: 'promote-panel' },
    h('h2', { dataset: { i18n: 'promote.title' } }),
    h('p', { class: 'hint', dataset: { i18n: 'promote.hint' } }),
    form,
    result,
    preview,
  );
  return { el, relabel: () => setText(submit, t('promote.submit')) };
}

/** Cards whose outcome nobody knows (the printer was cut off mid-card): an operator decides. */
export function createUncertainPanel(act, onResolved) {
  const list = h('ul', { class: 'jobs', testid: 'uncertain-list' });
  const count = h('span', { class: 'count', testid: 'uncertain-count' });
  const note = h('p', { class: 'hint' });
  let jobs = [];
  let available = true;

  const resolve = async (job, outcome, row, button) => {
    for (const b of row.querySelectorAll('button')) b.disabled = true;
    try {
      await act(`/api/jobs/${encodeURIComponent(job.id)}/resolve`, { outcome });
      jobs = jobs.filter((j) => j.id !== job.id);
      render();
      onResolved();
    } catch (error) {
      for (const b of row.querySelectorAll('button')) b.disabled = false;
      setText(row.querySelector('.row-message'), error.userMessage);
      button.focus();
    }
  };

  const render = () => {
    setText(count, available && jobs.length > 0 ? String(jobs.length) : '');
    setText(
      note,
      !available ? t('panel.unavailable') : jobs.length === 0 ? t('uncertain.empty') : t('uncertain.hint'),
    );
    replaceChildren(
      list,
      jobs.map((job) => {
        const row = h('li', { testid: 'uncertain-job', dataset: { jobId: job.id } });
        const printed = h('button', {
          class: 'primary',
          testid: 'resolve-printed',
          text: t('uncertain.printed'),
          attrs: { type: 'button' },
        });
        const spoiled = h('button', {
          testid: 'resolve-spoiled',
          text: t('uncertain.spoiled'),
          attrs: { type: 'button' },
        });
        printed.addEventListener('click', () => resolve(job, 'printed', row, printed));
        spoiled.addEventListener('click', () => resolve(job, 'spoiled', row, spoiled));
        row.append(
          h('div', { class: 'job-line' }, h('b', { text: job.id.slice(0, 8) }), ` NIK ${job.nik ?? '—'}`),
          h('div', {
            class: 'small',
            text: t('uncertain.at', {
              station: job.stationId ?? '—',
              time: formatTime(job.startedAt ?? job.createdAt),
            }),
          }),
          h('div', { class: 'row-buttons' }, printed, spoiled),
          h('div', { class: 'row-message', attrs: { role: 'status' } }),
        );
        return row;
      }),
    );
  };

  const el = h(
    'section',
    { class: 'panel', testid: 'uncertain-panel' },
    h('h2', {}, h('span', { dataset: { i18n: 'uncertain.title' } }), ' ', count),
    note,
    list,
  );
  return {
    el,
    /** `null`: the daemon has no job list (an older version); the panel says so. */
    update(next) {
      // Re-rendering an unchanged list would swap a button out from under the operator's click.
      const same =
        (next !== null) === available &&
        (next ?? []).length === jobs.length &&
        (next ?? []).every((job, i) => job.id === jobs[i]?.id);
      available = next !== null;
      jobs = next ?? [];
      if (!same) render();
    },
    relabel: render,
  };
}

/**
 * The daemon's alerts: active ones first, each with its age and, until someone has, a button to
 * acknowledge it under the operator's name.
 */
export function createAlertsPanel(act) {
  const list = h('ul', { class: 'alerts', testid: 'alerts-list' });
  let alerts = [];
  const acknowledge = async (alert, row) => {
    const name = row.querySelector('input')?.value.trim() ?? '';
    const message = row.querySelector('.row-message');
    if (!name) {
      setText(message, t('alerts.needName'));
      return;
    }
    try {
      const updated = await act(`/api/alerts/${alert.id}/ack`, { by: name });
      alerts = alerts.map((a) => (a.id === alert.id ? updated : a));
      render();
    } catch (error) {
      setText(message, error.userMessage);
    }
  };
  const ackControls = (alert) =>
    alert.active && !alert.acknowledgedBy && alert.id > 0
      ? [
          h('input', {
            testid: 'alert-ack-name',
            attrs: { type: 'text', maxlength: 60, autocomplete: 'name', placeholder: t('alerts.ackName') },
          }),
          h('button', { testid: 'alert-ack', text: t('alerts.ack'), attrs: { type: 'button' } }),
          h('span', { class: 'row-message small', attrs: { role: 'status' } }),
        ]
      : [];
  const render = () => {
    if (alerts.length === 0) {
      replaceChildren(list, h('li', { class: 'muted', text: t('alerts.empty') }));
      return;
    }
    replaceChildren(
      list,
      alerts.slice(0, ALERTS_SHOWN).map((alert) => {
        const state = [
          typeof alert.ageSeconds === 'number' ? t('alerts.age', { age: formatEta(alert.ageSeconds) }) : '',
          alert.acknowledgedBy ? t('alerts.ackedBy', { name: alert.acknowledgedBy }) : '',
          alert.active === false ? t('alerts.cleared') : '',
        ].filter(Boolean);
        const row = h(
          'li',
          {
            class: `alert level-${alert.level}${alert.active === false ? ' cleared' : ''}`,
            testid: 'alert-item',
            dataset: { code: alert.code ?? '', alertId: String(alert.id ?? '') },
          },
          h('span', { class: 'alert-level', text: t(`alerts.level.${alert.level}`) }),
          h('span', {
            class: 'small',
            text: ` ${formatTime(alert.at)}${alert.station ? ` · ${alert.station}` : ''}`,
          }),
          h('span', {
            class: 'small alert-age',
            testid: 'alert-age',
            text: state.length ? ` · ${state.join(' · ')}` : '',
          }),
          h('div', { text: alertWords(alert) }),
          ...ackControls(alert),
        );
        row.querySelector('button')?.addEventListener('click', () => void acknowledge(alert, row));
        return row;
      }),
    );
  };
  const el = h(
    'section',
    { class: 'panel', testid: 'alerts-panel' },
    h('h2', { dataset: { i18n: 'alerts.title' } }),
    list,
  );
  return {
    el,
    update(next) {
      const key = (a) => `${a.id}|${a.acknowledgedBy ?? ''}|${a.active}|${a.ageSeconds}`;
      const same =
        next.length === alerts.length && next.every((a, i) => alerts[i] && key(a) === key(alerts[i]));
      // An operator typing a name keeps it: the list is only redrawn when something changed.
      const typing = list.contains(document.activeElement) && document.activeElement?.tagName === 'INPUT';
      alerts = next;
      if (!same && !typing) render();
    },
    /** A live alert from the event stream, for a daemon without the alerts list. */
    add(alert) {
      alerts = [alert, ...alerts].slice(0, 100);
      render();
    },
    relabel: render,
  };
}
