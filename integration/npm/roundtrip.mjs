// Round trips through the official Confluent JavaScript client (@confluentinc/schemaregistry)
// against a live registry: its serializers register or look up the schema, put the id in
// front of the payload, and its deserializers fetch the writer schema back by id (for
// Protobuf with ?format=serialized) and decode. Run by integration/test_npm_client.py:
//
//   node roundtrip.mjs --url http://127.0.0.1:8081 [--only CASE]...
//
// Prints one JSON line per case: {"case", "ok", "error"?, "requests"?}. Exit status 0 when it
// could run the cases (whatever their outcome), 2 on bad arguments.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const sr = require('@confluentinc/schemaregistry');
const { create, createFileRegistry, toJson } = require('@bufbuild/protobuf');
const { FileDescriptorProtoSchema } = require('@bufbuild/protobuf/wkt');

const { SchemaRegistryClient, SerdeType, AvroSerializer, AvroDeserializer, JsonSerializer, JsonDeserializer,
  ProtobufSerializer, ProtobufDeserializer } = sr;

function parseArgs(argv) {
  const args = { url: null, only: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--url') args.url = argv[++i];
    else if (argv[i] === '--only') args.only.push(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!args.url) throw new Error('--url is required');
  return args;
}

// A fresh client each time, so no answer comes from another serde's cache: the deserializer
// must fetch the writer schema from the registry. `--url mock://` (the client's in-memory
// registry, to check this script without a registry) keeps its state per client: one then.
let mockClient = null;
function client(url) {
  if (url.startsWith('mock://')) {
    mockClient ??= SchemaRegistryClient.newClient({ baseURLs: [url], cacheCapacity: 1000 });
    return mockClient;
  }
  return SchemaRegistryClient.newClient({ baseURLs: [url], cacheCapacity: 1000 });
}

// The id a serializer put in front of the payload (magic byte 0, 4-byte big-endian id).
function wireId(bytes) {
  assert.equal(bytes[0], 0, 'magic byte');
  return bytes.readInt32BE(1);
}

// Decoded values compared as data: Avro records come back as instances of avsc's classes.
function sameData(actual, expected) {
  const plain = (v) => JSON.parse(JSON.stringify(v));
  assert.deepEqual(plain(actual), plain(expected));
}

// ------------------------------------------------------------------------------ Avro

const avroAddress = JSON.stringify({
  type: 'record', name: 'Address', namespace: 'accord.npm',
  fields: [{ name: 'street', type: 'string' }, { name: 'zip', type: 'int' }],
});
const avroCustomer = JSON.stringify({
  type: 'record', name: 'Customer', namespace: 'accord.npm',
  fields: [{ name: 'name', type: 'string' }, { name: 'address', type: 'accord.npm.Address' }],
});
const avroPayment = (withCurrency) => JSON.stringify({
  type: 'record', name: 'Payment', namespace: 'accord.npm',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'amount', type: 'double' },
    { name: 'count', type: 'long' },
    { name: 'raw', type: 'bytes' },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'note', type: ['null', 'string'], default: null },
    ...(withCurrency ? [{ name: 'currency', type: 'string', default: 'EUR' }] : []),
  ],
});
const payment = { id: 'p-1', amount: 12.5, count: 3, raw: Buffer.from([0, 1, 2, 255]), tags: ['a', 'b'], note: 'hi' };

// ------------------------------------------------------------------------------ JSON Schema

const jsonAddress = JSON.stringify({
  $schema: 'http://json-schema.org/draft-07/schema#', $id: 'Address', title: 'Address', type: 'object',
  properties: { street: { type: 'string' }, zip: { type: 'integer' } },
  required: ['street', 'zip'], additionalProperties: false,
});
const jsonCustomer = JSON.stringify({
  $schema: 'http://json-schema.org/draft-07/schema#', title: 'Customer', type: 'object',
  properties: { name: { type: 'string' }, address: { $ref: 'Address' } },
  required: ['name', 'address'],
});
// A closed content model, so that v2's optional `note` is a backward compatible change.
const jsonOrder = (withNote) => JSON.stringify({
  $schema: 'http://json-schema.org/draft-07/schema#', title: 'Order', type: 'object',
  properties: {
    id: { type: 'string' }, quantity: { type: 'integer', minimum: 1 }, price: { type: 'number' },
    lines: { type: 'array', items: { type: 'string' } },
    ...(withNote ? { note: { type: 'string' } } : {}),
  },
  required: ['id', 'quantity'], additionalProperties: false,
});
const order = { id: 'o-1', quantity: 2, price: 9.99, lines: ['x', 'y'] };

// ------------------------------------------------------------------------------ Protobuf
// Descriptors built at run time (no generated code): FileDescriptorProto messages, made into
// a registry by @bufbuild/protobuf; the same files as .proto text for registering by hand.

const T = { INT64: 3, INT32: 5, BOOL: 8, STRING: 9, MESSAGE: 11, BYTES: 12 };
const L = { OPTIONAL: 1, REPEATED: 3 };
const field = (name, number, type, extra = {}) => ({ name, number, type, label: L.OPTIONAL, jsonName: extra.jsonName ?? name, ...extra });

const moneyFile = create(FileDescriptorProtoSchema, {
  name: 'accord/npm/money.proto', package: 'accord.npm', syntax: 'proto3',
  messageType: [{ name: 'Money', field: [field('currency', 1, T.STRING), field('units', 2, T.INT64)] }],
});
const moneyProto = `syntax = "proto3";
package accord.npm;

message Money {
  string currency = 1;
  int64 units = 2;
}
`;
const invoiceFile = create(FileDescriptorProtoSchema, {
  name: 'accord/npm/invoice.proto', package: 'accord.npm', syntax: 'proto3',
  dependency: ['accord/npm/money.proto'],
  messageType: [
    { name: 'Header', field: [field('number', 1, T.STRING)] },
    {
      name: 'Invoice',
      field: [
        field('id', 1, T.STRING), field('total', 2, T.MESSAGE, { typeName: '.accord.npm.Money' }),
        field('lines', 3, T.STRING, { label: L.REPEATED }), field('paid', 4, T.BOOL), field('blob', 5, T.BYTES),
      ],
    },
  ],
});
const invoiceProto = `syntax = "proto3";
package accord.npm;

import "accord/npm/money.proto";

message Header {
  string number = 1;
}
message Invoice {
  string id = 1;
  Money total = 2;
  repeated string lines = 3;
  bool paid = 4;
  bytes blob = 5;
}
`;
const userFile = create(FileDescriptorProtoSchema, {
  name: 'accord/npm/user.proto', package: 'accord.npm', syntax: 'proto3',
  messageType: [{ name: 'User', field: [field('name', 1, T.STRING), field('age', 2, T.INT32), field('tags', 3, T.STRING, { label: L.REPEATED })] }],
});

const protoFiles = { [moneyFile.name]: moneyFile, [invoiceFile.name]: invoiceFile, [userFile.name]: userFile };
const protoRegistry = createFileRegistry(invoiceFile, (name) => protoFiles[name]);
const userRegistry = createFileRegistry(userFile, () => undefined);
const InvoiceSchema = protoRegistry.getMessage('accord.npm.Invoice');
const UserSchema = userRegistry.getMessage('accord.npm.User');

function invoice() {
  return create(InvoiceSchema, {
    id: 'i-7', total: { currency: 'EUR', units: 1234n }, lines: ['one', 'two'], paid: true,
    blob: new Uint8Array([9, 8, 7]),
  });
}

function sameProto(schema, actual, expected) {
  assert.equal(actual.$typeName, expected.$typeName);
  assert.deepEqual(toJson(schema, actual), toJson(schema, expected));
}

// ------------------------------------------------------------------------------ cases

const cases = {
  // The serializer registers the schema (autoRegisterSchemas), the deserializer fetches it by id.
  async avro_auto_register(url) {
    const c = client(url);
    const topic = 'npm-avro';
    const ser = new AvroSerializer(c, SerdeType.VALUE, { autoRegisterSchemas: true });
    const deser = new AvroDeserializer(c, SerdeType.VALUE, {});
    const bytes = await ser.serialize(topic, payment);
    const registered = await client(url).getLatestSchemaMetadata(`${topic}-value`);
    assert.equal(wireId(bytes), registered.id, 'the wire id is the registered id');
    sameData(await deser.deserialize(topic, bytes), payment);
  },

  // Customer references Address (another subject); the client resolves the reference.
  async avro_reference(url) {
    const c = client(url);
    const topic = 'npm-avro-ref';
    await c.register('npm-avro-address', { schemaType: 'AVRO', schema: avroAddress }, false);
    const id = await c.register(`${topic}-value`, {
      schemaType: 'AVRO', schema: avroCustomer,
      references: [{ name: 'accord.npm.Address', subject: 'npm-avro-address', version: 1 }],
    }, false);
    const ser = new AvroSerializer(client(url), SerdeType.VALUE, { useLatestVersion: true });
    const value = { name: 'Ada', address: { street: 'Main St', zip: 12345 } };
    const bytes = await ser.serialize(topic, value);
    assert.equal(wireId(bytes), id);
    const deser = new AvroDeserializer(client(url), SerdeType.VALUE, {});
    sameData(await deser.deserialize(topic, bytes), value);
  },

  // useLatestVersion: the writer takes the subject's latest version (v2), not its own schema.
  async avro_use_latest(url) {
    const c = client(url);
    const topic = 'npm-avro-latest';
    await c.register(`${topic}-value`, { schemaType: 'AVRO', schema: avroPayment(false) }, false);
    const v2 = await c.register(`${topic}-value`, { schemaType: 'AVRO', schema: avroPayment(true) }, false);
    const ser = new AvroSerializer(client(url), SerdeType.VALUE, { useLatestVersion: true });
    const value = { ...payment, currency: 'USD' };
    const bytes = await ser.serialize(topic, value);
    assert.equal(wireId(bytes), v2, 'serialized with the latest version');
    const deser = new AvroDeserializer(client(url), SerdeType.VALUE, { useLatestVersion: true });
    sameData(await deser.deserialize(topic, bytes), value);
  },

  // The serializer derives a JSON Schema from the message and registers it.
  async json_auto_register(url) {
    const topic = 'npm-json';
    const ser = new JsonSerializer(client(url), SerdeType.VALUE, { autoRegisterSchemas: true, validate: true });
    const bytes = await ser.serialize(topic, order);
    const registered = await client(url).getLatestSchemaMetadata(`${topic}-value`);
    assert.equal(registered.schemaType, 'JSON');
    assert.equal(wireId(bytes), registered.id);
    const deser = new JsonDeserializer(client(url), SerdeType.VALUE, { validate: true });
    sameData(await deser.deserialize(topic, bytes), order);
  },

  async json_reference(url) {
    const c = client(url);
    const topic = 'npm-json-ref';
    await c.register('npm-json-address', { schemaType: 'JSON', schema: jsonAddress }, false);
    const id = await c.register(`${topic}-value`, {
      schemaType: 'JSON', schema: jsonCustomer,
      references: [{ name: 'Address', subject: 'npm-json-address', version: 1 }],
    }, false);
    const ser = new JsonSerializer(client(url), SerdeType.VALUE, { useLatestVersion: true, validate: true });
    const value = { name: 'Ada', address: { street: 'Main St', zip: 12345 } };
    const bytes = await ser.serialize(topic, value);
    assert.equal(wireId(bytes), id);
    const deser = new JsonDeserializer(client(url), SerdeType.VALUE, { validate: true });
    sameData(await deser.deserialize(topic, bytes), value);
    // the referenced schema is enforced too
    await assert.rejects(ser.serialize(topic, { name: 'Bob', address: { street: 'x' } }), /zip|required|invalid/i);
  },

  async json_use_latest(url) {
    const c = client(url);
    const topic = 'npm-json-latest';
    await c.register(`${topic}-value`, { schemaType: 'JSON', schema: jsonOrder(false) }, false);
    const v2 = await c.register(`${topic}-value`, { schemaType: 'JSON', schema: jsonOrder(true) }, false);
    const ser = new JsonSerializer(client(url), SerdeType.VALUE, { useLatestVersion: true, validate: true });
    const value = { ...order, note: 'latest' };
    const bytes = await ser.serialize(topic, value);
    assert.equal(wireId(bytes), v2);
    const deser = new JsonDeserializer(client(url), SerdeType.VALUE, { useLatestVersion: true });
    sameData(await deser.deserialize(topic, bytes), value);
    // validated against the registered schema: a message that breaks it is refused
    await assert.rejects(ser.serialize(topic, { id: 'o-2', quantity: 0 }), /quantity|minimum|invalid/i);
  },

  // The client registers its descriptors itself: the schema text it sends is a base64
  // FileDescriptorProto, and a referenced file is registered under its file name as subject.
  async protobuf_auto_register(url) {
    const topic = 'npm-proto';
    const ser = new ProtobufSerializer(client(url), SerdeType.VALUE, { autoRegisterSchemas: true });
    ser.registry.add(InvoiceSchema);
    const value = invoice();
    const bytes = await ser.serialize(topic, value);
    const registered = await client(url).getLatestSchemaMetadata(`${topic}-value`);
    assert.equal(wireId(bytes), registered.id);
    assert.deepEqual(registered.references?.map((r) => r.name), ['accord/npm/money.proto']);
    const deser = new ProtobufDeserializer(client(url), SerdeType.VALUE, {});
    sameProto(InvoiceSchema, await deser.deserialize(topic, bytes), value);
  },

  // .proto text registered by hand (as a CI pipeline would), with a reference; the client
  // serializes with the latest version and reads the writer schema back as a descriptor.
  async protobuf_reference(url) {
    const c = client(url);
    const topic = 'npm-proto-ref';
    await c.register('npm-proto-money', { schemaType: 'PROTOBUF', schema: moneyProto }, false);
    const id = await c.register(`${topic}-value`, {
      schemaType: 'PROTOBUF', schema: invoiceProto,
      references: [{ name: 'accord/npm/money.proto', subject: 'npm-proto-money', version: 1 }],
    }, false);
    const ser = new ProtobufSerializer(client(url), SerdeType.VALUE, { useLatestVersion: true });
    ser.registry.add(InvoiceSchema);
    const value = invoice();
    const bytes = await ser.serialize(topic, value);
    assert.equal(wireId(bytes), id);
    // message index of Invoice, the second message of its file: [1] (Confluent's wire format)
    assert.deepEqual([...bytes.subarray(5, 7)], [2, 2], 'message indexes [1]');
    const deser = new ProtobufDeserializer(client(url), SerdeType.VALUE, {});
    sameProto(InvoiceSchema, await deser.deserialize(topic, bytes), value);
  },

  async protobuf_use_latest(url) {
    const c = client(url);
    const topic = 'npm-proto-latest';
    await c.register(`${topic}-value`, {
      schemaType: 'PROTOBUF', schema: 'syntax = "proto3";\npackage accord.npm;\n\nmessage User {\n  string name = 1;\n}\n',
    }, false);
    const v2 = await c.register(`${topic}-value`, {
      schemaType: 'PROTOBUF',
      schema: 'syntax = "proto3";\npackage accord.npm;\n\nmessage User {\n  string name = 1;\n  int32 age = 2;\n  repeated string tags = 3;\n}\n',
    }, false);
    const ser = new ProtobufSerializer(client(url), SerdeType.VALUE, { useLatestVersion: true });
    ser.registry.add(UserSchema);
    const value = create(UserSchema, { name: 'Ada', age: 36, tags: ['x'] });
    const bytes = await ser.serialize(topic, value);
    assert.equal(wireId(bytes), v2);
    const deser = new ProtobufDeserializer(client(url), SerdeType.VALUE, { useLatestVersion: true });
    sameProto(UserSchema, await deser.deserialize(topic, bytes), value);
  },
};

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
  const names = args.only.length ? args.only : Object.keys(cases);
  for (const name of names) {
    const run = cases[name];
    if (!run) {
      console.log(JSON.stringify({ case: name, ok: false, error: 'no such case' }));
      continue;
    }
    try {
      await run(args.url);
      console.log(JSON.stringify({ case: name, ok: true }));
    } catch (e) {
      // A RestError carries the registry's answer: status and error code.
      const detail = e.status ? ` (HTTP ${e.status}, error_code ${e.errorCode})` : '';
      console.log(JSON.stringify({ case: name, ok: false, error: `${e.name}: ${e.message}${detail}` }));
    }
  }
}

await main();
