#include "difference.hpp"

#include <set>

namespace accord::formats::json {
namespace {

const std::set<std::string_view>& compatible_kinds() {
  static const std::set<std::string_view> kinds = {
      "ID_CHANGED", "DESCRIPTION_CHANGED", "TITLE_CHANGED", "DEFAULT_CHANGED", "SCHEMA_REMOVED", "TYPE_EXTENDED",
      "MAX_LENGTH_INCREASED", "MAX_LENGTH_REMOVED", "MIN_LENGTH_DECREASED", "MIN_LENGTH_REMOVED", "PATTERN_REMOVED",
      "MAXIMUM_INCREASED", "MAXIMUM_REMOVED", "MINIMUM_DECREASED", "MINIMUM_REMOVED", "EXCLUSIVE_MAXIMUM_INCREASED",
      "EXCLUSIVE_MAXIMUM_REMOVED", "EXCLUSIVE_MINIMUM_DECREASED", "EXCLUSIVE_MINIMUM_REMOVED", "MULTIPLE_OF_REDUCED",
      "MULTIPLE_OF_REMOVED", "REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED", "REQUIRED_ATTRIBUTE_REMOVED",
      "DEPENDENCY_ARRAY_NARROWED", "DEPENDENCY_ARRAY_REMOVED", "DEPENDENCY_SCHEMA_REMOVED", "MAX_PROPERTIES_INCREASED",
      "MAX_PROPERTIES_REMOVED", "MIN_PROPERTIES_DECREASED", "MIN_PROPERTIES_REMOVED", "ADDITIONAL_PROPERTIES_ADDED",
      "ADDITIONAL_PROPERTIES_EXTENDED", "UNEVALUATED_PROPERTIES_ADDED", "UNEVALUATED_PROPERTIES_EXTENDED",
      "PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL",
      "REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL", "OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL",
      "PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL", "PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL",
      "PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
      "PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", "MAX_ITEMS_INCREASED", "MAX_ITEMS_REMOVED",
      "MIN_ITEMS_DECREASED", "MIN_ITEMS_REMOVED", "MAX_CONTAINS_INCREASED", "MAX_CONTAINS_REMOVED",
      "MIN_CONTAINS_DECREASED", "MIN_CONTAINS_REMOVED", "UNIQUE_ITEMS_REMOVED", "ADDITIONAL_ITEMS_ADDED",
      "ADDITIONAL_ITEMS_EXTENDED", "UNEVALUATED_ITEMS_ADDED", "UNEVALUATED_ITEMS_EXTENDED",
      "ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL", "ITEM_ADDED_TO_CLOSED_CONTENT_MODEL",
      "ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL", "ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL",
      "ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", "ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
      "ENUM_ARRAY_EXTENDED", "COMBINED_TYPE_EXTENDED", "PRODUCT_TYPE_NARROWED", "SUM_TYPE_EXTENDED",
      "NOT_TYPE_NARROWED",
  };
  return kinds;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

bool is_compatible_change(std::string_view kind) { return compatible_kinds().count(kind) > 0; }

std::string describe(const Difference& d) {
  const std::string& k = d.kind;
  const std::string at = "'" + d.path + "'";
  if (k == "TYPE_CHANGED" || k == "TYPE_NARROWED" || k == "COMBINED_TYPE_CHANGED" || k == "COMBINED_TYPE_SUBSCHEMAS_CHANGED" ||
      k == "ENUM_ARRAY_CHANGED")
    return "A type at path " + at + " is different between the new schema and the old schema";
  if (k == "REQUIRED_ATTRIBUTE_ADDED")
    return "The property at path " + at + " is required in the new schema but optional in the old one";
  if (k == "REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL")
    return "The new schema has an unopen content model and has a required property at path " + at +
           " which is missing in the old schema";
  if (k == "REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL" || k == "OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL" ||
      k == "REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL" || k == "ITEM_ADDED_TO_OPEN_CONTENT_MODEL")
    return "The old schema has an open content model and the new schema has a property or item at path " + at +
           " which is missing in the old schema";
  if (k == "PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL" || k == "ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL")
    return "The new schema has a closed content model and is missing a property or item present at path " + at +
           " in the old schema";
  if (k == "PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL" ||
      k == "ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL")
    return "A property or item is missing in the new schema but present at path " + at +
           " in the old schema and is not covered by its partially open content model";
  if (k == "PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL" ||
      k == "ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL")
    return "The new schema has a property or item at path " + at +
           " which is missing in the old schema and is not covered by its partially open content model";
  if (ends_with(k, "_ADDED") || k == "ADDITIONAL_ITEMS_REMOVED" || k == "ADDITIONAL_PROPERTIES_REMOVED" ||
      k == "UNEVALUATED_PROPERTIES_REMOVED" || k == "UNEVALUATED_ITEMS_REMOVED")
    return "The keyword at path " + at + " in the new schema is not present in the old schema";
  if (ends_with(k, "_INCREASED") || k == "MULTIPLE_OF_EXPANDED")
    return "The value at path " + at + " in the new schema is more than its value in the old schema";
  if (ends_with(k, "_DECREASED"))
    return "The value at path " + at + " in the new schema is less than its value in the old schema";
  if (k == "PATTERN_CHANGED" || k == "MULTIPLE_OF_CHANGED" || k == "DEPENDENCY_ARRAY_CHANGED")
    return "The value at path " + at + " is different between the new and old schema";
  if (ends_with(k, "_NARROWED"))
    return "An array or combined type at path " + at + " has fewer elements in the new schema than the old schema";
  if (ends_with(k, "_EXTENDED"))
    return "An array or combined type at path " + at + " has more elements in the new schema than the old schema";
  return "The change " + k + " at path " + at + " is not compatible";
}

}  // namespace accord::formats::json
