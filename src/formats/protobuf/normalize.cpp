#include "normalize.hpp"

#include <algorithm>
#include <climits>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace accord::formats::protobuf {
namespace {

namespace pb = google::protobuf;

template <class Ranges>
void sort_ranges(Ranges* ranges) {
  std::sort(ranges->begin(), ranges->end(), [](const auto& a, const auto& b) { return a.start() < b.start(); });
}

void sort_names(pb::RepeatedPtrField<std::string>* names) {
  std::sort(names->begin(), names->end());
}

void normalize_enum(pb::EnumDescriptorProto* e) {
  auto* values = e->mutable_value();
  std::sort(values->begin(), values->end(), [](const auto& a, const auto& b) {
    return a.number() != b.number() ? a.number() < b.number() : a.name() < b.name();
  });
  sort_ranges(e->mutable_reserved_range());
  sort_names(e->mutable_reserved_name());
}

// Oneofs in the order of their lowest field number; proto3 `optional` (synthetic) oneofs
// stay after the real ones, as libprotobuf requires.
void reorder_oneofs(pb::DescriptorProto* m) {
  const int count = m->oneof_decl_size();
  if (count == 0) return;
  std::vector<int> lowest(count, INT_MAX);
  std::vector<bool> synthetic(count, true);
  for (const auto& f : m->field()) {
    if (!f.has_oneof_index()) continue;
    lowest[f.oneof_index()] = std::min(lowest[f.oneof_index()], f.number());
    if (!f.proto3_optional()) synthetic[f.oneof_index()] = false;
  }
  std::vector<int> order(count);
  for (int i = 0; i < count; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return synthetic[a] != synthetic[b] ? !synthetic[a] : lowest[a] < lowest[b];
  });
  std::vector<int> new_index(count);
  pb::RepeatedPtrField<pb::OneofDescriptorProto> decls;
  for (int i = 0; i < count; ++i) {
    new_index[order[i]] = i;
    *decls.Add() = m->oneof_decl(order[i]);
  }
  m->mutable_oneof_decl()->Swap(&decls);
  for (auto& f : *m->mutable_field()) {
    if (f.has_oneof_index()) f.set_oneof_index(new_index[f.oneof_index()]);
  }
}

bool in_real_oneof(const pb::FieldDescriptorProto& f) { return f.has_oneof_index() && !f.proto3_optional(); }

// Plain fields by number, then each oneof (members by number), as Confluent prints them;
// libprotobuf also needs a oneof's members to stay next to each other.
void sort_fields(pb::DescriptorProto* m) {
  std::vector<int> lowest(m->oneof_decl_size(), INT_MAX);
  for (const auto& f : m->field()) {
    if (in_real_oneof(f)) lowest[f.oneof_index()] = std::min(lowest[f.oneof_index()], f.number());
  }
  auto key = [&](const pb::FieldDescriptorProto& f) {
    const bool grouped = in_real_oneof(f);
    return std::make_tuple(grouped, grouped ? lowest[f.oneof_index()] : f.number(), f.number());
  };
  auto* fields = m->mutable_field();
  std::stable_sort(fields->begin(), fields->end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
}

void normalize_message(pb::DescriptorProto* m) {
  reorder_oneofs(m);
  sort_fields(m);
  sort_ranges(m->mutable_reserved_range());
  sort_names(m->mutable_reserved_name());
  sort_ranges(m->mutable_extension_range());
  for (auto& nested : *m->mutable_nested_type()) normalize_message(&nested);
  for (auto& e : *m->mutable_enum_type()) normalize_enum(&e);
}

// Sorted, deduplicated imports; the public/weak markers are indexes into that list.
void normalize_imports(pb::FileDescriptorProto* file) {
  std::map<std::string, int> kind;  // 0 plain, 1 public, 2 weak
  for (const auto& dep : file->dependency()) kind.emplace(dep, 0);
  for (int i : file->public_dependency()) kind[file->dependency(i)] = 1;
  for (int i : file->weak_dependency()) kind[file->dependency(i)] = 2;
  file->clear_dependency();
  file->clear_public_dependency();
  file->clear_weak_dependency();
  for (const auto& [name, k] : kind) {
    const int index = file->dependency_size();
    file->add_dependency(name);
    if (k == 1) file->add_public_dependency(index);
    if (k == 2) file->add_weak_dependency(index);
  }
}

}  // namespace

pb::FileDescriptorProto normalized_file(const pb::FileDescriptor& file) {
  pb::FileDescriptorProto proto;
  file.CopyTo(&proto);
  normalize_imports(&proto);
  for (auto& m : *proto.mutable_message_type()) normalize_message(&m);
  for (auto& e : *proto.mutable_enum_type()) normalize_enum(&e);
  return proto;
}

}  // namespace accord::formats::protobuf
