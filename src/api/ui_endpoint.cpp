// GET /ui/*: the web UI's files, compiled in (ui_assets.hpp). /ui/ and every path under a
// view of the single-page app (/ui/subjects/a%2Fb/diff/1/2) get index.html, whose script
// reads the address and renders that view.
#include "accord/api/api.hpp"
#include "accord/api/error_response.hpp"
#include "accord/model/errors.hpp"
#include "ui_assets.hpp"

namespace accord::api {

namespace {

std::string_view content_type(std::string_view path) {
  static const std::pair<std::string_view, std::string_view> types[] = {
      {".html", "text/html; charset=utf-8"},      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},        {".svg", "image/svg+xml"},
      {".png", "image/png"},                      {".json", "application/json"},
      {".ico", "image/x-icon"},                   {".txt", "text/plain; charset=utf-8"}};
  for (const auto& [extension, type] : types)
    if (path.ends_with(extension)) return type;
  return "application/octet-stream";
}

const UiAsset* find_asset(std::string_view path) {
  for (const auto& asset : ui_assets())
    if (asset.path == path) return &asset;
  return nullptr;
}

// The app's views: any path under them is rendered by the app (a subject may be named
// "orders.json"), anything else that names no file is a 404.
bool is_view(const std::vector<std::string>& segments) {
  if (segments.size() == 1 || segments[1].empty()) return true;
  for (std::string_view view : {"subjects", "check", "map", "cluster", "login"})
    if (segments[1] == view) return true;
  return false;
}

}  // namespace

Response Api::get_ui(const Request& request) {
  if (!options_.ui_enabled) return error_response(errors::not_found_path());
  if (request.method != "GET") return error_response(errors::method_not_allowed());
  std::string path;
  for (std::size_t i = 1; i < request.segments.size(); ++i) path += (i > 1 ? "/" : "") + request.segments[i];
  const UiAsset* asset = is_view(request.segments) ? find_asset("index.html") : find_asset(path);
  if (!asset) return error_response(errors::not_found_path());
  Response response;
  response.raw_text = true;
  response.headers["Content-Type"] = std::string(content_type(asset->path));
  response.headers["ETag"] = std::string(asset->etag);
  // Always revalidated: a new binary serves new files at once, an unchanged one answers 304.
  response.headers["Cache-Control"] = "no-cache";
  response.headers["X-Content-Type-Options"] = "nosniff";
  response.headers["Content-Security-Policy"] =
      "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'";
  if (auto match = request.header("if-none-match"); match && match->find(asset->etag) != std::string::npos) {
    response.status = 304;
    return response;
  }
  response.body = std::string(asset->body);
  return response;
}

}  // namespace accord::api
