// The dashboard's words in Bahasa Indonesia (the default: the counter operators' language) and
// English. The choice is kept per browser in localStorage and mirrored in <html lang>, so screen
// readers and hyphenation follow it.
import { EN } from './strings-en.js';
import { ID } from './strings-id.js';

const TABLES = { id: ID, en: EN };
const STORAGE_KEY = 'cetak.lang';
const listeners = new Set();

let lang = readStoredLang();

function readStoredLang() {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === 'en' || stored === 'id' ? stored : 'id';
  } catch {
    return 'id';
  }
}

/** The current language code: 'id' or 'en'. */
export function getLang() {
  return lang;
}

/** The BCP 47 locale for Intl formatting. */
export function locale() {
  return lang === 'en' ? 'en-GB' : 'id-ID';
}

/** Switches language, remembers it, and tells every part to re-render its words. */
export function setLang(next) {
  lang = next === 'en' ? 'en' : 'id';
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private windows may refuse storage; the switch still works for this visit.
  }
  applyStatic();
  for (const listener of listeners) listener(lang);
}

export function onLangChange(listener) {
  listeners.add(listener);
}

/** The string for `key` with {name} placeholders filled; an unknown key shows itself, never blank. */
export function t(key, vars = {}) {
  const template = TABLES[lang][key] ?? TABLES.id[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
}

/** Whether a key exists (for codes from the daemon that may or may not have words here). */
export function has(key) {
  return key in TABLES[lang];
}

/** Fills every element marked data-i18n (text) or data-i18n-placeholder / -title in the page. */
export function applyStatic(root = document) {
  document.documentElement.lang = lang;
  document.title = t('app.title');
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]'))
    el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder));
  for (const el of root.querySelectorAll('[data-i18n-title]'))
    el.setAttribute('title', t(el.dataset.i18nTitle));
}
