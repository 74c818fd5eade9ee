// GET /accord/v1/catalog and GET /accord/v1/map: the governance catalog, searched and paged
// on the server from the store's catalog index (docs/ui.md). Only subjects the caller may
// read are matched, so totals never reveal the others.
#include "accord/api/api.hpp"
#include "accord/model/errors.hpp"
#include "accord/api/error_response.hpp"
#include "catalog_query.hpp"
#include "json_io.hpp"

namespace accord::api {

namespace {

Json entry_json(const store::CatalogEntry& e, const ContextLevels& levels) {
  Json out;
  out["subject"] = e.subject;
  out["schemaType"] = std::string(to_string(e.type));
  out["version"] = e.version;
  out["id"] = e.id;
  out["versions"] = e.versions;
  out["deleted"] = e.deleted;
  out["updated"] = e.updated_ms;
  out["owner"] = e.owner;
  out["description"] = e.description;
  out["producers"] = e.producers;
  out["consumers"] = e.consumers;
  out["compatibility"] = std::string(to_string(levels.of(e)));
  out["properties"] = e.properties;
  return out;
}

}  // namespace

// Query: q, schemaType, owner, producer, consumer, compatibility, deleted, subject,
// property=<key>[:<value>] (repeatable), offset, limit. Every condition must hold.
Response Api::get_catalog(const Request& request) {
  const ContextLevels levels(store_, options_.default_compatibility);
  auto query = catalog_query(request, levels, 50);
  if (!query) return error_response(query.error());
  const auto page = store_.search_catalog(*query);
  Json out;
  out["total"] = page.total;
  out["offset"] = query->offset;
  out["limit"] = query->limit;
  out["items"] = Json::array();
  for (const auto& e : page.items) out["items"].push_back(entry_json(e, levels));
  return json_response(out);
}

// Query: the catalog's filters, plus service=<name> (subjects it produces or consumes).
// Only subjects with at least one producer or consumer take part; `limit` bounds them.
Response Api::get_map(const Request& request) {
  const ContextLevels levels(store_, options_.default_compatibility);
  auto query = catalog_query(request, levels, 500);
  if (!query) return error_response(query.error());
  const auto service = request.param("service");
  if (service && service->empty()) return error_response(errors::bad_request("service must not be empty"));
  auto filter = query->accept;
  query->accept = [&, filter](const store::CatalogEntry& e) {
    if (e.producers.empty() && e.consumers.empty()) return false;
    if (service && std::find(e.producers.begin(), e.producers.end(), *service) == e.producers.end() &&
        std::find(e.consumers.begin(), e.consumers.end(), *service) == e.consumers.end())
      return false;
    return !filter || filter(e);
  };
  const auto page = store_.search_catalog(*query);
  std::map<std::string, std::pair<std::vector<std::string>, std::vector<std::string>>> services;
  Json subjects = Json::array();
  Json edges = Json::array();
  for (const auto& e : page.items) {
    subjects.push_back({{"subject", e.subject},
                        {"schemaType", std::string(to_string(e.type))},
                        {"owner", e.owner},
                        {"producers", e.producers},
                        {"consumers", e.consumers}});
    for (const auto& p : e.producers) {
      services[p].first.push_back(e.subject);
      edges.push_back({{"service", p}, {"subject", e.subject}, {"role", "produces"}});
    }
    for (const auto& c : e.consumers) {
      services[c].second.push_back(e.subject);
      edges.push_back({{"service", c}, {"subject", e.subject}, {"role", "consumes"}});
    }
  }
  Json out;
  out["total"] = page.total;
  out["truncated"] = page.total > query->offset + page.items.size();
  out["services"] = Json::array();
  for (const auto& [name, roles] : services)
    out["services"].push_back({{"name", name}, {"produces", roles.first}, {"consumes", roles.second}});
  out["subjects"] = std::move(subjects);
  out["edges"] = std::move(edges);
  return json_response(out);
}

}  // namespace accord::api
