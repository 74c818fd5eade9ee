// /ui/subjects/{subject}/diff/{a}/{b}: what changed from version a to b, structurally and
// as text, and whether each can read the other's data (the registry's own verdicts).
import { h, enc, subjectUrl } from '../lib/dom.js';
import { api } from '../lib/api.js';
import { pretty } from '../lib/highlight.js';
import { lineDiff } from '../lib/textdiff.js';

const KINDS = {
  field_added: 'field added', field_removed: 'field removed', type_changed: 'type changed',
  default_changed: 'default changed', doc_changed: 'doc changed', number_changed: 'field number changed',
  required_changed: 'required changed', type_added: 'type added', type_removed: 'type removed',
  symbol_added: 'symbol added', symbol_removed: 'symbol removed',
};

function verdict(id, title, explanation, v) {
  return h('div', { class: `verdict ${v.is_compatible ? 'ok' : 'bad'}`, id },
    h('h3', {}, title, ': ', v.is_compatible ? 'compatible' : 'incompatible'),
    h('p', { class: 'muted small' }, explanation),
    v.messages.length ? h('ul', { class: 'messages' }, v.messages.map((m) => h('li', {}, m))) : null);
}

export async function renderDiff(root, subject, a, b) {
  const d = await api(`/accord/v1/subjects/${enc(subject)}/diff?from=${enc(a)}&to=${enc(b)}`);
  const changes = d.changes.length
    ? h('table', { class: 'grid', id: 'changes' },
      h('thead', {}, h('tr', {}, ['Change', 'Where', `v${d.from.version}`, `v${d.to.version}`].map((t) => h('th', {}, t)))),
      h('tbody', {}, d.changes.map((c) => h('tr', { class: `change ${c.kind}` },
        h('td', {}, KINDS[c.kind] || c.kind), h('td', {}, h('code', {}, c.path)),
        h('td', {}, c.before ? h('code', {}, c.before) : ''), h('td', {}, c.after ? h('code', {}, c.after) : '')))))
    : h('p', { class: 'muted', id: 'changes' }, 'No structural change (the texts may still differ in formatting or metadata).');
  const lines = lineDiff(pretty(d.from.schema, d.from.schemaType), pretty(d.to.schema, d.to.schemaType));
  const text = h('pre', { class: 'code textdiff', id: 'textdiff' }, lines.map(([op, line]) =>
    h('div', { class: op === '+' ? 'add' : op === '-' ? 'del' : 'same' }, `${op} ${line}`)));
  root.append(
    h('p', { class: 'crumbs' }, h('a', { href: '/ui/subjects' }, 'Catalog'), ' / ', h('a', { href: subjectUrl(subject) }, subject), ' / '),
    h('h1', {}, `${subject}: v${d.from.version} → v${d.to.version}`),
    h('div', { class: 'verdicts' },
      verdict('backward', 'Backward', `v${d.to.version} reads data written with v${d.from.version}`, d.compatibility.backward),
      verdict('forward', 'Forward', `v${d.from.version} reads data written with v${d.to.version}`, d.compatibility.forward)),
    h('h2', {}, 'Structural changes'), changes,
    h('h2', {}, 'Text'), text);
}
