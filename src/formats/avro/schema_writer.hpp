#pragma once
// Schema graph -> text: the canonical string Confluent stores (Java Schema.toString), the
// normalized string for normalize=true, and the spec's Parsing Canonical Form.
#include <string>

#include "schema_model.hpp"

namespace accord::formats::avro {

// Java's Schema.toString() of one node, no names known in advance (used in messages).
std::string java_schema_text(const Node& node);

// Java's Schema.toString(referencedSchemas, false) of graph.root: named types defined by
// the references are written by name, everything else in full the first time it appears.
std::string canonical_text(const SchemaGraph& graph);

// A stable text for equivalent schemas: full names, no "namespace" keys, fixed key order,
// properties and JSON objects sorted by key; doc, aliases, defaults and order kept;
// referenced types by name.
std::string normalized_text(const SchemaGraph& graph);

// The Avro specification's Parsing Canonical Form (names, types, fields, symbols, items,
// values, size only), the input of the 64-bit Rabin fingerprint.
std::string parsing_canonical_form(const Node& root);

}  // namespace accord::formats::avro
