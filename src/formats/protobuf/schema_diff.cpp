#include <map>

#include "diff_context.hpp"

namespace accord::formats::protobuf {
namespace {

namespace pb = google::protobuf;

template <class Parent>
auto scope_of(const Parent& parent, int message_count, auto message_at, int enum_count, auto enum_at) {
  std::vector<const pb::Descriptor*> messages;
  for (int i = 0; i < message_count; ++i) {
    const pb::Descriptor* m = (parent.*message_at)(i);
    // Map entries are synthetic: .proto text has no such message, so neither does the diff.
    if (!m->options().map_entry()) messages.push_back(m);
  }
  std::vector<const pb::EnumDescriptor*> enums;
  for (int i = 0; i < enum_count; ++i) enums.push_back((parent.*enum_at)(i));
  return std::make_pair(messages, enums);
}

template <class T>
std::map<std::string, std::pair<const T*, int>> by_name(const std::vector<const T*>& types) {
  std::map<std::string, std::pair<const T*, int>> out;
  for (size_t i = 0; i < types.size(); ++i) out.emplace(types[i]->name(), std::make_pair(types[i], static_cast<int>(i)));
  return out;
}

}  // namespace

void DiffContext::add(Change change, std::string detail) {
  differences_.push_back({change, path_string(), std::move(detail)});
}

std::string DiffContext::path_string() const {
  std::string out = "#/";
  for (size_t i = 0; i < path_.size(); ++i) {
    if (i > 0) out += '/';
    out += path_[i];
  }
  return out;
}

void DiffContext::compare_files(const pb::FileDescriptor& original, const pb::FileDescriptor& update) {
  if (original.package() != update.package()) {
    add(Change::PackageChanged, "package '" + original.package() + "' in the writer, '" + update.package() + "' in the reader");
  }
  // `syntax` itself is not compared (Confluent's SchemaDiff alike): what a proto2 <-> proto3
  // move changes for readers shows up field by field (labels, required fields).
  auto [om, oe] = scope_of(original, original.message_type_count(), &pb::FileDescriptor::message_type,
                           original.enum_type_count(), &pb::FileDescriptor::enum_type);
  auto [um, ue] = scope_of(update, update.message_type_count(), &pb::FileDescriptor::message_type,
                           update.enum_type_count(), &pb::FileDescriptor::enum_type);
  compare_scopes({om, oe}, {um, ue});
}

void DiffContext::compare_scopes(const Scope& original, const Scope& update) {
  auto original_messages = by_name(original.messages);
  auto update_messages = by_name(update.messages);
  std::map<std::string, int> names;
  for (const auto& [name, _] : original_messages) names[name] |= 1;
  for (const auto& [name, _] : update_messages) names[name] |= 2;
  for (const auto& [name, where] : names) {
    Segment segment(*this, name);
    if (where == 1) {
      add(Change::MessageRemoved, "message " + original_messages[name].first->full_name());
    } else if (where == 2) {
      add(Change::MessageAdded);
    } else {
      const auto& [o, o_index] = original_messages[name];
      const auto& [u, u_index] = update_messages[name];
      compare_messages(*o, *u);
      // Moving a message is harmless: the message indexes in serialized data refer to the
      // schema of the id they were written with.
      if (o_index != u_index) add(Change::MessageMoved);
    }
  }

  auto original_enums = by_name(original.enums);
  auto update_enums = by_name(update.enums);
  std::map<std::string, int> enum_names;
  for (const auto& [name, _] : original_enums) enum_names[name] |= 1;
  for (const auto& [name, _] : update_enums) enum_names[name] |= 2;
  for (const auto& [name, where] : enum_names) {
    Segment segment(*this, name);
    if (where == 1) {
      add(Change::EnumRemoved);
    } else if (where == 2) {
      add(Change::EnumAdded);
    } else {
      compare_enums(*original_enums[name].first, *update_enums[name].first);
    }
  }
}

void DiffContext::compare_enums(const pb::EnumDescriptor& original, const pb::EnumDescriptor& update) {
  // By number; among aliases (allow_alias) the last declared name stands for the number,
  // as in Confluent's by-tag map.
  std::map<int, std::pair<const pb::EnumValueDescriptor*, const pb::EnumValueDescriptor*>> values;
  for (int i = 0; i < original.value_count(); ++i) values[original.value(i)->number()].first = original.value(i);
  for (int i = 0; i < update.value_count(); ++i) values[update.value(i)->number()].second = update.value(i);
  for (const auto& [number, pair] : values) {
    Segment segment(*this, std::to_string(number));
    if (pair.second == nullptr) {
      add(Change::EnumConstRemoved);
    } else if (pair.first == nullptr) {
      add(Change::EnumConstAdded);
    } else if (pair.first->name() != pair.second->name()) {
      add(Change::EnumConstChanged);
    }
  }
}

void DiffContext::compare_messages(const pb::Descriptor& original, const pb::Descriptor& update) {
  // A recursive type is compared once per chain, as Confluent does.
  if (comparing_.insert(&original).second) {
    compare_message_fields(original, update);
    auto [om, oe] = scope_of(original, original.nested_type_count(), &pb::Descriptor::nested_type,
                             original.enum_type_count(), &pb::Descriptor::enum_type);
    auto [um, ue] = scope_of(update, update.nested_type_count(), &pb::Descriptor::nested_type,
                             update.enum_type_count(), &pb::Descriptor::enum_type);
    compare_scopes({om, oe}, {um, ue});
    comparing_.erase(&original);
  }
}

}  // namespace accord::formats::protobuf
