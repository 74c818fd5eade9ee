// /ui/check: paste a schema, pick a subject, and see what registering it would meet: the
// same compatibility endpoint and messages as `accord check` and POST .../versions.
import { h, enc, subjectUrl } from '../lib/dom.js';
import { api, ApiError } from '../lib/api.js';

export async function renderCheck(root, params) {
  const subject = h('input', { id: 'check-subject', name: 'subject', required: true, value: params.get('subject') || '', placeholder: 'subject, e.g. orders-value', list: 'subject-list' });
  const type = h('select', { id: 'check-type', name: 'schemaType' }, ['AVRO', 'JSON', 'PROTOBUF'].map((t) => h('option', { value: t }, t)));
  const text = h('textarea', { id: 'check-schema', name: 'schema', rows: 18, spellcheck: 'false', placeholder: 'Paste the candidate schema' });
  const result = h('div', { id: 'check-result' });
  const options = h('datalist', { id: 'subject-list' });
  const loadLatest = async () => {
    if (!subject.value) return;
    try {
      const latest = await api(`/subjects/${enc(subject.value)}/versions/latest`);
      text.value = latest.schemaType === 'PROTOBUF' ? latest.schema : JSON.stringify(JSON.parse(latest.schema), null, 2);
      type.value = latest.schemaType || 'AVRO';
    } catch (error) {
      result.replaceChildren(h('div', { class: 'error' }, error.message));
    }
  };
  const form = h('form', {
    class: 'check',
    onsubmit: async (event) => {
      event.preventDefault();
      result.replaceChildren(h('p', { class: 'muted' }, 'Checking…'));
      try {
        const verdict = await api(`/compatibility/subjects/${enc(subject.value)}/versions?verbose=true`,
          { method: 'POST', body: { schema: text.value, schemaType: type.value } });
        const messages = verdict.messages || [];
        result.replaceChildren(h('div', { class: `verdict ${verdict.is_compatible ? 'ok' : 'bad'}`, id: 'verdict' },
          h('h3', {}, verdict.is_compatible ? `Compatible: ${subject.value} would accept this schema` : `Incompatible: ${subject.value} would refuse this schema (409)`),
          messages.length ? h('ul', { class: 'messages' }, messages.map((m) => h('li', {}, m))) : null,
          h('p', {}, h('a', { href: subjectUrl(subject.value) }, `Open ${subject.value}`))));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) throw error;
        result.replaceChildren(h('div', { class: 'verdict bad', id: 'verdict' }, h('h3', {}, `Refused (${error.code || error.status})`), h('p', {}, error.message)));
      }
    },
  },
  h('div', { class: 'row' }, h('label', {}, 'Subject ', subject), options, h('label', {}, 'Type ', type),
    h('button', { type: 'button', id: 'load-latest', onclick: loadLatest }, 'Load latest version')),
  text, h('div', {}, h('button', { type: 'submit', id: 'check-run' }, 'Check compatibility')));
  root.append(h('h1', {}, 'Check a candidate schema'),
    h('p', { class: 'muted' }, 'Checked against the subject\'s versions at its compatibility level, exactly as a registration would be. Nothing is registered.'),
    form, result);
  // Subject suggestions: the first page of the catalog is enough to help typing.
  api('/accord/v1/catalog?limit=200').then((page) => options.replaceChildren(...page.items.map((e) => h('option', { value: e.subject })))).catch(() => {});
}
