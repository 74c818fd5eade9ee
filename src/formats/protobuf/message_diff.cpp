// Fields of one message, matched by number across the whole message (top level and oneof
// members alike), so that a change of oneof membership cannot hide a change of the field.
#include <map>
#include <set>

#include "diff_context.hpp"

namespace accord::formats::protobuf {
namespace {

namespace pb = google::protobuf;

struct FieldsByNumber {
  std::map<int, const pb::FieldDescriptor*> fields;
  std::map<int, std::string> oneof_of;  // number -> name of its (real) oneof
  std::set<std::string> oneofs;
};

FieldsByNumber index_fields(const pb::Descriptor& message) {
  FieldsByNumber out;
  for (int i = 0; i < message.field_count(); ++i) {
    const auto* field = message.field(i);
    out.fields[field->number()] = field;
    // proto3 `optional` makes a synthetic oneof; the text declares no oneof.
    if (const auto* oneof = field->real_containing_oneof()) out.oneof_of[field->number()] = oneof->name();
  }
  for (int i = 0; i < message.real_oneof_decl_count(); ++i) out.oneofs.insert(message.oneof_decl(i)->name());
  return out;
}

std::string field_detail(const pb::FieldDescriptor& field) {
  return "field '" + field.name() + "' number " + std::to_string(field.number()) + " of message " +
         field.containing_type()->full_name();
}

}  // namespace

void DiffContext::compare_message_fields(const pb::Descriptor& original, const pb::Descriptor& update) {
  const FieldsByNumber o = index_fields(original);
  const FieldsByNumber u = index_fields(update);

  // A oneof gone by name with none of its members left anywhere is a complete deletion,
  // which is compatible; members dropped from a oneof that partly survives are not.
  std::set<std::string> deleted_oneofs;
  for (const auto& name : o.oneofs) {
    if (u.oneofs.count(name)) continue;
    bool survives = false;
    for (const auto& [number, oneof] : o.oneof_of) {
      if (oneof == name && u.fields.count(number)) survives = true;
    }
    if (!survives) deleted_oneofs.insert(name);
  }

  // New mutual exclusivity: a reader oneof whose pre-existing members come from more than
  // one writer group (a writer oneof, or a single top-level field each).
  for (int i = 0; i < update.real_oneof_decl_count(); ++i) {
    const auto* oneof = update.oneof_decl(i);
    Segment segment(*this, oneof->name());
    std::set<std::string> groups;
    int moved_in = 0;
    for (int f = 0; f < oneof->field_count(); ++f) {
      const int number = oneof->field(f)->number();
      if (auto it = o.oneof_of.find(number); it != o.oneof_of.end()) {
        groups.insert("oneof:" + it->second);
      } else if (o.fields.count(number)) {
        groups.insert("field:" + std::to_string(number));
        ++moved_in;
      }
    }
    if (groups.size() > 1) {
      add(moved_in > 1 ? Change::MultipleFieldsMovedToOneof : Change::FieldMovedToExistingOneof,
          "oneof '" + oneof->name() + "' of message " + update.full_name());
    }
  }

  std::set<std::string> all_oneofs = o.oneofs;
  all_oneofs.insert(u.oneofs.begin(), u.oneofs.end());
  for (const auto& name : all_oneofs) {
    Segment segment(*this, name);
    if (!u.oneofs.count(name)) {
      add(Change::OneofRemoved);
    } else if (!o.oneofs.count(name)) {
      add(Change::OneofAdded);
    }
  }

  std::set<int> numbers;
  for (const auto& [number, _] : o.fields) numbers.insert(number);
  for (const auto& [number, _] : u.fields) numbers.insert(number);
  for (int number : numbers) {
    const std::string tag = std::to_string(number);
    auto o_it = o.fields.find(number);
    auto u_it = u.fields.find(number);
    auto o_oneof = o.oneof_of.find(number);
    auto u_oneof = u.oneof_of.find(number);
    if (u_it == u.fields.end()) {
      const auto& field = *o_it->second;
      if (o_oneof != o.oneof_of.end()) {
        if (!deleted_oneofs.count(o_oneof->second)) {
          Segment oneof(*this, o_oneof->second);
          Segment at(*this, tag);
          add(Change::OneofFieldRemoved, field_detail(field));
        }
      } else {
        Segment at(*this, tag);
        add(field.is_required() ? Change::RequiredFieldRemoved : Change::FieldRemoved, field_detail(field));
      }
    } else if (o_it == o.fields.end()) {
      const auto& field = *u_it->second;
      if (u_oneof != u.oneof_of.end()) {
        Segment oneof(*this, u_oneof->second);
        Segment at(*this, tag);
        add(Change::OneofFieldAdded);
      } else {
        Segment at(*this, tag);
        add(field.is_required() ? Change::RequiredFieldAdded : Change::FieldAdded, field_detail(field));
      }
    } else {
      if (o_oneof != o.oneof_of.end() && u_oneof == u.oneof_of.end()) {
        Segment at(*this, tag);
        add(Change::OneofFieldMovedToTopLevel);
      }
      if (u_oneof != u.oneof_of.end()) {
        Segment oneof(*this, u_oneof->second);
        Segment at(*this, tag);
        compare_fields(*o_it->second, *u_it->second);
      } else {
        Segment at(*this, tag);
        compare_fields(*o_it->second, *u_it->second);
      }
    }
  }
}

}  // namespace accord::formats::protobuf
