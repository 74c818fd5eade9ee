#pragma once
// Private to api/: the web UI's files (the repository's ui/ folder), compiled into the
// binary by cmake/embed_files.cmake so that a node serves them with no files installed.
#include <span>
#include <string_view>

namespace accord::api {

struct UiAsset {
  std::string_view path;  // relative to ui/, e.g. "app.js", "views/catalog.js"
  std::string_view body;
  std::string_view etag;  // quoted, from the file's SHA-256
};

std::span<const UiAsset> ui_assets();

}  // namespace accord::api
