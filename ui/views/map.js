// /ui/map?service=…&owner=…: who produces and who consumes which subject, as a graph:
// producing services on the left, subjects in the middle, consuming services on the right.
import { h, svg, subjectUrl } from '../lib/dom.js';
import { api, query } from '../lib/api.js';
import { navigate } from '../app.js';

const ROW = 30;
const WIDTH = 960;
const COLUMN = { producers: 20, subjects: 370, consumers: 720 };
const BOX = 220;

function node(x, y, label, href, cls) {
  return svg('a', { href, class: `node ${cls}` },
    svg('rect', { x, y: y - 11, width: BOX, height: 22, rx: 5 }),
    svg('text', { x: x + 8, y: y + 4 }, label.length > 30 ? label.slice(0, 29) + '…' : label),
    svg('title', {}, label));
}

export async function renderMap(root, params) {
  const state = { service: params.get('service') || '', owner: params.get('owner') || '', q: params.get('q') || '' };
  const map = await api('/accord/v1/map' + query({ ...state, limit: 300 }));
  const form = h('form', {
    class: 'filters',
    onsubmit: (event) => {
      event.preventDefault();
      const data = new FormData(form);
      navigate('/ui/map' + query({ service: data.get('service').trim(), owner: data.get('owner').trim(), q: data.get('q').trim() }));
    },
  },
  h('div', { class: 'row' },
    h('input', { name: 'service', id: 'map-service', value: state.service, placeholder: 'service' }),
    h('input', { name: 'owner', id: 'map-owner', value: state.owner, placeholder: 'owner' }),
    h('input', { name: 'q', id: 'map-q', value: state.q, placeholder: 'search' }),
    h('button', { type: 'submit', id: 'map-filter' }, 'Filter')));

  const producers = [...new Set(map.edges.filter((e) => e.role === 'produces').map((e) => e.service))].sort();
  const consumers = [...new Set(map.edges.filter((e) => e.role === 'consumes').map((e) => e.service))].sort();
  const subjects = map.subjects.map((s) => s.subject);
  const rows = Math.max(producers.length, consumers.length, subjects.length, 1);
  const y = (i) => 24 + i * ROW;
  const pos = {
    producers: new Map(producers.map((s, i) => [s, y(i)])),
    subjects: new Map(subjects.map((s, i) => [s, y(i)])),
    consumers: new Map(consumers.map((s, i) => [s, y(i)])),
  };
  const edge = (x1, y1, x2, y2, cls) => svg('path', { d: `M${x1},${y1} C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${x2},${y2}`, class: `edge ${cls}` });
  const edges = map.edges.map((e) => e.role === 'produces'
    ? edge(COLUMN.producers + BOX, pos.producers.get(e.service), COLUMN.subjects, pos.subjects.get(e.subject), 'produces')
    : edge(COLUMN.subjects + BOX, pos.subjects.get(e.subject), COLUMN.consumers, pos.consumers.get(e.service), 'consumes'));
  const serviceUrl = (s) => '/ui/map' + query({ service: s });
  const graph = svg('svg', { class: 'map', id: 'map', viewBox: `0 0 ${WIDTH} ${y(rows)}`, width: WIDTH, height: y(rows), role: 'img', 'aria-label': 'Producer and consumer map' },
    edges,
    producers.map((s) => node(COLUMN.producers, pos.producers.get(s), s, serviceUrl(s), 'service')),
    subjects.map((s) => node(COLUMN.subjects, pos.subjects.get(s), s, subjectUrl(s), 'subject')),
    consumers.map((s) => node(COLUMN.consumers, pos.consumers.get(s), s, serviceUrl(s), 'service')));

  root.append(h('h1', {}, state.service ? `Map: ${state.service}` : 'Producer / consumer map'), form,
    h('p', { class: 'muted', id: 'map-count' },
      `${map.subjects.length} subjects, ${map.services.length} services`,
      map.truncated ? ` (first ${map.subjects.length} of ${map.total}; filter to see the rest)` : ''),
    map.subjects.length ? h('div', { class: 'map-legend' }, h('span', {}, 'Producers'), h('span', {}, 'Subjects'), h('span', {}, 'Consumers')) : null,
    map.subjects.length ? h('div', { class: 'map-scroll' }, graph) : h('p', {}, 'No subject with producers or consumers matches.'),
    h('h2', {}, 'Services'),
    h('table', { class: 'grid', id: 'services' },
      h('thead', {}, h('tr', {}, ['Service', 'Produces', 'Consumes'].map((t) => h('th', {}, t)))),
      h('tbody', {}, map.services.map((s) => h('tr', {},
        h('td', {}, h('a', { href: serviceUrl(s.name) }, s.name)),
        h('td', {}, s.produces.map((x, i) => [i ? ', ' : '', h('a', { href: subjectUrl(x) }, x)])),
        h('td', {}, s.consumes.map((x, i) => [i ? ', ' : '', h('a', { href: subjectUrl(x) }, x)])))))));
}
