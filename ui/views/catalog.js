// /ui/subjects?q=…: search the catalog on the server, one page at a time.
import { h, subjectUrl, formatTime } from '../lib/dom.js';
import { api, query } from '../lib/api.js';
import { navigate } from '../app.js';

const LEVELS = ['BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE', 'NONE'];
const PAGE = 50;

function select(name, value, options, blank) {
  return h('select', { name, id: `f-${name}` }, h('option', { value: '' }, blank),
    options.map((o) => h('option', { value: o, selected: o === value }, o)));
}

function services(list, filter) {
  if (!list.length) return h('span', { class: 'muted' }, '—');
  return list.map((s, i) => [i ? ', ' : '', h('a', { href: '/ui/subjects' + query({ [filter]: s }), class: 'service' }, s)]);
}

export async function renderCatalog(root, params) {
  const state = {
    q: params.get('q') || '', schemaType: params.get('schemaType') || '', owner: params.get('owner') || '',
    producer: params.get('producer') || '', consumer: params.get('consumer') || '',
    compatibility: params.get('compatibility') || '', deleted: params.get('deleted') === 'true',
    offset: Math.max(0, parseInt(params.get('offset') || '0', 10) || 0),
  };
  const limit = PAGE;
  const page = await api('/accord/v1/catalog' + query({ ...state, limit }));

  const form = h('form', {
    class: 'filters', role: 'search',
    onsubmit: (event) => {
      event.preventDefault();
      const data = new FormData(form);
      navigate('/ui/subjects' + query({
        q: data.get('q').trim(), schemaType: data.get('schemaType'), owner: data.get('owner').trim(),
        producer: data.get('producer').trim(), consumer: data.get('consumer').trim(),
        compatibility: data.get('compatibility'), deleted: data.get('deleted') === 'on',
      }));
    },
  },
  h('input', { type: 'search', name: 'q', id: 'q', value: state.q, placeholder: 'Search subjects, records, fields, docs, owners, services…', 'aria-label': 'Search', class: 'q' }),
  h('button', { type: 'submit', id: 'search' }, 'Search'),
  h('div', { class: 'row' },
    select('schemaType', state.schemaType, ['AVRO', 'JSON', 'PROTOBUF'], 'any type'),
    h('input', { name: 'owner', id: 'f-owner', value: state.owner, placeholder: 'owner' }),
    h('input', { name: 'producer', id: 'f-producer', value: state.producer, placeholder: 'producer' }),
    h('input', { name: 'consumer', id: 'f-consumer', value: state.consumer, placeholder: 'consumer' }),
    select('compatibility', state.compatibility, LEVELS, 'any compatibility'),
    h('label', {}, h('input', { type: 'checkbox', name: 'deleted', id: 'f-deleted', checked: state.deleted }), ' include deleted')));

  const first = page.total === 0 ? 0 : state.offset + 1;
  const last = state.offset + page.items.length;
  const pageUrl = (offset) => '/ui/subjects' + query({ ...state, offset: offset || '' });
  const pager = h('div', { class: 'pager' },
    h('span', { id: 'count' }, page.total === 0 ? 'No subjects match' : `${first}–${last} of ${page.total} subjects`),
    state.offset > 0 ? h('a', { href: pageUrl(Math.max(0, state.offset - limit)), id: 'prev', class: 'button' }, '← Previous') : null,
    last < page.total ? h('a', { href: pageUrl(state.offset + limit), id: 'next', class: 'button' }, 'Next →') : null);

  const rows = page.items.map((e) => h('tr', { class: e.deleted ? 'deleted' : '' },
    h('td', {}, h('a', { href: subjectUrl(e.subject), class: 'subject' }, e.subject), e.deleted ? h('span', { class: 'tag' }, 'deleted') : null,
      e.description ? h('div', { class: 'muted small' }, e.description) : null),
    h('td', {}, h('span', { class: `type type-${e.schemaType.toLowerCase()}` }, e.schemaType)),
    h('td', { class: 'num' }, e.version),
    h('td', {}, e.owner ? h('a', { href: '/ui/subjects' + query({ owner: e.owner }) }, e.owner) : h('span', { class: 'muted' }, '—')),
    h('td', {}, services(e.producers, 'producer'), h('span', { class: 'arrow' }, ' → '), services(e.consumers, 'consumer')),
    h('td', { class: 'small' }, formatTime(e.updated))));

  root.append(h('h1', {}, 'Catalog'), form, pager,
    h('table', { class: 'grid', id: 'results' },
      h('thead', {}, h('tr', {}, ['Subject', 'Type', 'Latest', 'Owner', 'Producers → consumers', 'Last change'].map((t) => h('th', {}, t)))),
      h('tbody', {}, rows)));
}
