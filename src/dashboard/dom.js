// Tiny DOM builders. Every text goes in through textContent, never innerHTML: station names,
// error messages and alerts come from the daemon and must not be able to become markup.

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * h('button', {class: 'x', testid: 'y', text: 'Go', on: {click: fn}, attrs: {type: 'button'}}, ...children)
 * Children may be nodes, strings, or null/false (skipped), so conditional parts read naturally.
 */
export function h(tag, props = {}, ...children) {
  return fill(document.createElement(tag), props, children);
}

/** The same for SVG elements (they need their namespace). */
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) el.setAttribute(name, String(value));
  }
  for (const child of children.flat()) if (child) el.append(child);
  return el;
}

function fill(el, props, children) {
  const { class: className, testid, text, on, attrs, dataset } = props;
  if (className) el.className = className;
  if (testid) el.dataset.testid = testid;
  if (text !== undefined && text !== null) el.textContent = String(text);
  for (const [name, value] of Object.entries(dataset ?? {})) el.dataset[name] = String(value);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === true) el.setAttribute(name, '');
    else if (value !== false && value !== undefined && value !== null) el.setAttribute(name, String(value));
  }
  for (const [type, handler] of Object.entries(on ?? {})) el.addEventListener(type, handler);
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) el.append(child);
  }
  return el;
}

/** Sets text only when it changed, so re-rendering every few seconds does not reset a selection. */
export function setText(el, text) {
  const value = String(text ?? '');
  if (el.textContent !== value) el.textContent = value;
}

/** Replaces an element's children (the cheap way to re-render a small list). */
export function replaceChildren(el, ...children) {
  el.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

/** Whether the keyboard focus is inside `el`: such a part is left alone while the operator types. */
export function hasFocusWithin(el) {
  return el.contains(document.activeElement);
}
