#include "difference.hpp"

namespace accord::formats::protobuf {

std::string_view change_name(Change change) {
  switch (change) {
    case Change::PackageChanged: return "PACKAGE_CHANGED";
    case Change::MessageAdded: return "MESSAGE_ADDED";
    case Change::MessageRemoved: return "MESSAGE_REMOVED";
    case Change::MessageMoved: return "MESSAGE_MOVED";
    case Change::EnumAdded: return "ENUM_ADDED";
    case Change::EnumRemoved: return "ENUM_REMOVED";
    case Change::EnumConstAdded: return "ENUM_CONST_ADDED";
    case Change::EnumConstChanged: return "ENUM_CONST_CHANGED";
    case Change::EnumConstRemoved: return "ENUM_CONST_REMOVED";
    case Change::FieldAdded: return "FIELD_ADDED";
    case Change::FieldRemoved: return "FIELD_REMOVED";
    case Change::FieldNameChanged: return "FIELD_NAME_CHANGED";
    case Change::FieldKindChanged: return "FIELD_KIND_CHANGED";
    case Change::FieldScalarKindChanged: return "FIELD_SCALAR_KIND_CHANGED";
    case Change::FieldNamedTypeChanged: return "FIELD_NAMED_TYPE_CHANGED";
    case Change::FieldNumericLabelChanged: return "FIELD_NUMERIC_LABEL_CHANGED";
    case Change::FieldStringOrBytesLabelChanged: return "FIELD_STRING_OR_BYTES_LABEL_CHANGED";
    case Change::RequiredFieldAdded: return "REQUIRED_FIELD_ADDED";
    case Change::RequiredFieldRemoved: return "REQUIRED_FIELD_REMOVED";
    case Change::OneofAdded: return "ONEOF_ADDED";
    case Change::OneofRemoved: return "ONEOF_REMOVED";
    case Change::OneofFieldAdded: return "ONEOF_FIELD_ADDED";
    case Change::OneofFieldRemoved: return "ONEOF_FIELD_REMOVED";
    case Change::OneofFieldMovedToTopLevel: return "ONEOF_FIELD_MOVED_TO_TOP_LEVEL";
    case Change::MultipleFieldsMovedToOneof: return "MULTIPLE_FIELDS_MOVED_TO_ONEOF";
    case Change::FieldMovedToExistingOneof: return "FIELD_MOVED_TO_EXISTING_ONEOF";
  }
  return "UNKNOWN";
}

bool breaks_compatibility(Change change) {
  switch (change) {
    case Change::MessageAdded:
    case Change::MessageMoved:
    case Change::EnumAdded:
    case Change::EnumRemoved:
    case Change::EnumConstAdded:
    case Change::EnumConstChanged:
    case Change::EnumConstRemoved:
    case Change::FieldAdded:
    case Change::FieldRemoved:
    case Change::FieldNameChanged:
    case Change::FieldStringOrBytesLabelChanged:
    case Change::OneofAdded:
    case Change::OneofRemoved:
    case Change::OneofFieldAdded:
    case Change::OneofFieldMovedToTopLevel:
      return false;
    default:
      return true;
  }
}

std::string describe(const Difference& d) {
  const std::string at = "'" + d.path + "'";
  std::string text;
  switch (d.change) {
    case Change::PackageChanged:
      text = "The package at " + at + " in the reader schema does not match the package in the writer schema";
      break;
    case Change::MessageRemoved:
      text = "The reader schema is missing a MESSAGE type at path " + at + " in the writer schema";
      break;
    case Change::FieldKindChanged:
      text = "The type of a field at path " + at + " in the reader schema does not match the writer schema";
      break;
    case Change::FieldScalarKindChanged:
      text = "The kind of a SCALAR field at path " + at +
             " in the reader schema does not match its kind in the writer schema";
      break;
    case Change::FieldNamedTypeChanged:
      text = "The type of a MESSAGE field at path " + at +
             " in the reader schema does not match its type in the writer schema";
      break;
    case Change::FieldNumericLabelChanged:
      text = "The label for a NUMERIC field at path " + at +
             " in the reader schema does not match its label in the writer schema";
      break;
    case Change::RequiredFieldAdded:
      text = "A required field at path " + at + " in the reader schema is missing in the writer schema";
      break;
    case Change::RequiredFieldRemoved:
      text = "The reader schema is missing a required field at path " + at + " in the writer schema";
      break;
    case Change::OneofFieldRemoved:
      text = "The reader schema is missing a oneof field at path " + at + " in the writer schema";
      break;
    case Change::MultipleFieldsMovedToOneof:
      text = "Multiple fields in the oneof at path " + at + " in the reader schema are outside a oneof in the writer schema";
      break;
    case Change::FieldMovedToExistingOneof:
      text = "A field in the oneof at path " + at + " in the reader schema is outside an existing oneof in the writer schema";
      break;
    default:
      text = std::string(change_name(d.change)) + " at path " + at;
      break;
  }
  if (!d.detail.empty()) text += " (" + d.detail + ")";
  return text;
}

}  // namespace accord::formats::protobuf
