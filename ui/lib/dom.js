// Element building without innerHTML: every text from the registry goes in as text, so a
// subject named "<script>" is shown, never run.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

// An SVG element (the map).
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attrs)) if (value !== undefined) el.setAttribute(key, String(value));
  for (const child of children.flat()) if (child) el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return el;
}

export const enc = encodeURIComponent;

// Links inside the app: /ui/subjects/<subject>[/...], each part escaped ('/' too).
export function subjectUrl(subject, ...rest) {
  return '/ui/subjects/' + [subject, ...rest].map((part) => enc(String(part))).join('/');
}

export function formatTime(ms) {
  if (!ms) return '';
  const d = new Date(ms);
  return d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

export function errorBox(error) {
  return h('div', { class: 'error', role: 'alert' },
    h('strong', {}, error.status ? `${error.status} ` : ''),
    error.code ? `(${error.code}) ` : '', error.message || String(error));
}
