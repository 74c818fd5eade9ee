// /ui/cluster: this node's role, the writer, how far it has applied the log, readiness.
import { h } from '../lib/dom.js';
import { api, ApiError } from '../lib/api.js';

export async function renderCluster(root) {
  const status = await api('/accord/v1/cluster');
  let ready = true;
  try {
    await api('/health/ready');
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    ready = false;
  }
  const lag = status.end_offset >= 0 && status.applied_offset >= 0 ? Math.max(0, status.end_offset - 1 - status.applied_offset) : null;
  const item = (label, value, id) => [h('dt', {}, label), h('dd', { id }, value)];
  root.append(h('h1', {}, 'Cluster'),
    h('dl', { class: 'facts wide', id: 'cluster' },
      item('This node', location.origin, 'node'),
      item('Role', status.role, 'role'),
      item('Writer', status.writer_url ? h('a', { href: status.writer_url + '/ui/cluster' }, status.writer_url) : 'unknown', 'writer'),
      item('Applied offset', status.applied_offset, 'applied'),
      item('End offset', status.end_offset, 'end'),
      item('Behind the log', lag === null ? 'unknown' : `${lag} records`, 'lag'),
      item('Ready', ready ? 'yes: serving reads' : 'no: catching up with the log', 'ready')),
    h('p', { class: 'muted' }, 'Readiness is GET /health/ready; these figures are GET /accord/v1/cluster.'));
}
