// Schema text as colored spans: JSON (Avro, JSON Schema) pretty-printed, Protobuf by token.
import { h } from './dom.js';

export function pretty(text, type) {
  if (type === 'PROTOBUF') return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

const JSON_TOKEN = /("(?:[^"\\]|\\.)*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
const PROTO_TOKEN = /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|("(?:[^"\\]|\\.)*")|\b(syntax|package|import|option|message|enum|oneof|map|repeated|optional|required|reserved|service|rpc|returns|stream|extend|extensions|to|max)\b|\b(double|float|int32|int64|uint32|uint64|sint32|sint64|fixed32|fixed64|sfixed32|sfixed64|bool|string|bytes)\b|(\b\d+\b)/g;

export function highlight(text, type) {
  const pattern = type === 'PROTOBUF' ? PROTO_TOKEN : JSON_TOKEN;
  const out = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    let cls;
    if (type === 'PROTOBUF') cls = m[1] ? 'tok-comment' : m[2] ? 'tok-string' : m[3] ? 'tok-keyword' : m[4] ? 'tok-type' : 'tok-number';
    else if (m[1]) cls = m[2] ? 'tok-key' : 'tok-string';
    else cls = m[3] ? 'tok-keyword' : 'tok-number';
    if (type !== 'PROTOBUF' && m[1] && m[2]) out.push(h('span', { class: cls }, m[1]), m[2]);
    else out.push(h('span', { class: cls }, m[0]));
    last = m.index + m[0].length;
  }
  out.push(text.slice(last));
  return h('pre', { class: 'code' }, h('code', {}, out));
}
