// /ui/subjects/{subject}[/versions/{v}]: one subject's versions, schema, fields, governance,
// configuration, references and a client configuration to copy.
import { h, enc, subjectUrl, formatTime } from '../lib/dom.js';
import { api, ApiError } from '../lib/api.js';
import { highlight, pretty } from '../lib/highlight.js';
import { navigate } from '../app.js';

const SERDE = {
  AVRO: ['io.confluent.kafka.serializers.KafkaAvroSerializer', 'io.confluent.kafka.serializers.KafkaAvroDeserializer'],
  JSON: ['io.confluent.kafka.serializers.json.KafkaJsonSchemaSerializer', 'io.confluent.kafka.serializers.json.KafkaJsonSchemaDeserializer'],
  PROTOBUF: ['io.confluent.kafka.serializers.protobuf.KafkaProtobufSerializer', 'io.confluent.kafka.serializers.protobuf.KafkaProtobufDeserializer'],
};

async function optional(promise, fallback) {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof ApiError && error.status !== 401) return fallback;
    throw error;
  }
}

function fieldTable(outline) {
  if (!outline.fields.length) return h('p', { class: 'muted' }, 'No fields (a primitive or empty schema).');
  const rows = [];
  outline.fields.forEach((f, i) => {
    const next = outline.fields[i + 1];
    const parent = next && next.depth > f.depth;
    const row = h('tr', { class: `depth-${Math.min(f.depth, 6)}`, 'data-path': f.path, 'data-depth': f.depth, hidden: f.depth > 0 },
      h('td', { style: null },
        h('span', { class: 'indent', 'data-depth': Math.min(f.depth, 6) }),
        parent ? h('button', { class: 'toggle', 'aria-expanded': 'false', title: 'Show nested fields', onclick: (event) => toggle(event, f) }, '▸') : h('span', { class: 'toggle-space' }),
        h('code', {}, f.name)),
      h('td', {}, h('code', {}, f.type), f.required ? h('span', { class: 'tag' }, 'required') : null),
      h('td', {}, f.number === null ? '' : h('code', {}, f.number)),
      h('td', {}, f.default === null ? '' : h('code', {}, f.default)),
      h('td', { class: 'doc' }, f.doc));
    rows.push(row);
  });
  const table = h('table', { class: 'grid fields', id: 'fields' },
    h('thead', {}, h('tr', {}, ['Field', 'Type', '#', 'Default', 'Doc'].map((t) => h('th', {}, t)))), h('tbody', {}, rows));
  function toggle(event, field) {
    const button = event.currentTarget;
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    button.textContent = open ? '▾' : '▸';
    for (const tr of table.tBodies[0].rows) {
      const path = tr.dataset.path;
      if (!path.startsWith(field.path + '.')) continue;
      const depth = Number(tr.dataset.depth);
      if (open && depth === field.depth + 1) tr.hidden = false;
      if (!open) {
        tr.hidden = true;
        const b = tr.querySelector('.toggle');
        if (b) { b.setAttribute('aria-expanded', 'false'); b.textContent = '▸'; }
      }
    }
  }
  const enums = outline.types.filter((t) => t.symbols.length);
  return [table, enums.length ? h('div', { class: 'enums' }, enums.map((t) => h('p', {}, h('code', {}, t.name), ': ', t.symbols.map((s) => h('code', { class: 'symbol' }, s))))) : null];
}

function governance(properties) {
  const known = ['owner', 'description', 'producers', 'consumers', 'classification', 'pii'];
  const list = (value, filter) => (value || '').split(',').map((s) => s.trim()).filter(Boolean)
    .map((s, i) => [i ? ', ' : '', h('a', { href: `/ui/subjects?${filter}=${enc(s)}` }, s)]);
  const item = (label, value) => [h('dt', {}, label), h('dd', {}, value || h('span', { class: 'muted' }, '—'))];
  const extra = Object.entries(properties).filter(([k]) => !known.includes(k));
  return h('dl', { class: 'facts', id: 'governance' },
    item('Owner', properties.owner ? h('a', { href: `/ui/subjects?owner=${enc(properties.owner)}` }, properties.owner) : null),
    item('Description', properties.description),
    item('Producers', list(properties.producers, 'producer')),
    item('Consumers', list(properties.consumers, 'consumer')),
    item('Classification', properties.classification),
    item('PII', properties.pii),
    extra.map(([k, v]) => item(k, v)));
}

function snippet(subject, type) {
  const [serializer, deserializer] = SERDE[type] || SERDE.AVRO;
  const url = location.origin;
  const isKey = subject.endsWith('-key');
  const topic = subject.replace(/-(key|value)$/, '');
  const side = isKey ? 'key' : 'value';
  return `# Producer of topic ${topic} (subject ${subject}, TopicNameStrategy)
schema.registry.url=${url}
${side}.serializer=${serializer}
auto.register.schemas=false
use.latest.version=true

# Consumer
schema.registry.url=${url}
${side}.deserializer=${deserializer}`;
}

export async function renderSubject(root, subject, versionText) {
  const base = `/subjects/${enc(subject)}`;
  const versions = await api(`${base}/versions?deleted=true`);
  const live = await optional(api(`${base}/versions`), []);
  const version = versionText || String(live.length ? live[live.length - 1] : versions[versions.length - 1]);
  const [schema, outline, compatibility, mode, referencedBy] = await Promise.all([
    api(`${base}/versions/${enc(version)}?deleted=true`),
    api(`/accord/v1/subjects/${enc(subject)}/versions/${enc(version)}/outline`),
    optional(api(`/config/${enc(subject)}?defaultToGlobal=true`), {}),
    optional(api(`/mode/${enc(subject)}?defaultToGlobal=true`), {}),
    optional(api(`${base}/versions/${enc(version)}/referencedby`), []),
  ]);
  const type = schema.schemaType || 'AVRO';
  const referrers = await Promise.all(referencedBy.map((id) => optional(api(`/schemas/ids/${id}/versions`), [])));
  const properties = (schema.metadata && schema.metadata.properties) || {};
  const deleted = !live.includes(schema.version);

  const versionLinks = h('ol', { class: 'versions', id: 'versions' }, versions.map((v) => h('li', {},
    h('a', { href: subjectUrl(subject, 'versions', v), class: String(v) === String(schema.version) ? 'current' : '' }, `v${v}`),
    live.includes(v) ? null : h('span', { class: 'tag' }, 'deleted'))));

  const from = h('select', { id: 'diff-from', 'aria-label': 'from version' }, versions.map((v) => h('option', { value: v, selected: v === versions[Math.max(0, versions.indexOf(schema.version) - 1)] }, `v${v}`)));
  const to = h('select', { id: 'diff-to', 'aria-label': 'to version' }, versions.map((v) => h('option', { value: v, selected: v === schema.version }, `v${v}`)));
  const compare = h('form', { class: 'compare', onsubmit: (event) => { event.preventDefault(); navigate(subjectUrl(subject, 'diff', from.value, to.value)); } },
    'Compare ', from, ' with ', to, ' ', h('button', { type: 'submit', id: 'compare' }, 'Diff'));

  const refs = (schema.references || []).map((r) => h('li', {}, h('code', {}, r.name), ' → ', h('a', { href: subjectUrl(r.subject, 'versions', r.version) }, `${r.subject} v${r.version}`)));
  const byRefs = referrers.flat().map((sv) => h('li', {}, h('a', { href: subjectUrl(sv.subject, 'versions', sv.version) }, `${sv.subject} v${sv.version}`)));

  root.append(
    h('p', { class: 'crumbs' }, h('a', { href: '/ui/subjects' }, 'Catalog'), ' / '),
    h('h1', { id: 'subject-name' }, subject),
    properties.description ? h('p', { class: 'lead' }, properties.description) : null,
    h('div', { class: 'columns' },
      h('section', { class: 'side' },
        h('h2', {}, 'Versions'), versionLinks, versions.length > 1 ? compare : null,
        h('h2', {}, 'Identity'),
        h('dl', { class: 'facts' },
          h('dt', {}, 'Version'), h('dd', { id: 'version' }, `${schema.version}${deleted ? ' (soft-deleted)' : ''}`),
          h('dt', {}, 'Schema id'), h('dd', { id: 'schema-id' }, schema.id),
          h('dt', {}, 'GUID'), h('dd', {}, schema.guid || h('span', { class: 'muted' }, 'not assigned by this registry')),
          h('dt', {}, 'Type'), h('dd', {}, type),
          h('dt', {}, 'Compatibility'), h('dd', { id: 'compatibility' }, compatibility.compatibilityLevel || '—'),
          h('dt', {}, 'Mode'), h('dd', {}, mode.mode || '—')),
        h('h2', {}, 'Governance'), governance(properties),
        h('h2', {}, 'References'), refs.length ? h('ul', { id: 'references' }, refs) : h('p', { class: 'muted' }, 'None'),
        h('h2', {}, 'Referenced by'), byRefs.length ? h('ul', { id: 'referenced-by' }, byRefs) : h('p', { class: 'muted' }, 'None')),
      h('section', { class: 'main' },
        h('h2', {}, 'Fields'), fieldTable(outline),
        h('h2', {}, 'Schema'), highlight(pretty(schema.schema, type), type),
        h('h2', {}, 'Client configuration'),
        h('pre', { class: 'code snippet', id: 'snippet' }, snippet(subject, type)),
        h('p', {}, h('a', { href: '/ui/check?' + new URLSearchParams({ subject }).toString() }, 'Check a new version of this schema')))));
}
