#include "accord/serde/contract/contract_check.hpp"

#include <fstream>
#include <sstream>

#include "accord/formats/format.hpp"

namespace accord::serde::contract {
namespace {

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The reference texts, dependencies first: local files as listed, the rest from the registry.
SerdeResult<std::vector<FetchedReference>> reference_texts(const SubjectContract& contract, RegistryClient* client) {
  std::vector<FetchedReference> out;
  std::vector<SchemaReference> remote;
  for (const auto& ref : contract.references) {
    if (ref.schema_file) {
      auto text = read_file(*ref.schema_file);
      if (!text) return serde_error(ErrorKind::InvalidSchema, "reference file " + ref.schema_file->string() + " cannot be read");
      out.push_back({ref.name, ref.subject, ref.version, *text});
    } else {
      remote.push_back({ref.name, ref.subject, ref.version});
    }
  }
  if (!remote.empty()) {
    if (!client)
      return serde_error(ErrorKind::Transport, "reference " + remote.front().name +
                                                   " has no local schema file and --no-registry was given");
    auto fetched = client->resolve_references(remote);
    if (!fetched) return fetched.error();
    out.insert(out.end(), fetched->begin(), fetched->end());
  }
  return out;
}

Schema schema_of(const SubjectContract& contract, const std::string& text, bool with_metadata) {
  Schema schema{contract.type, text, {}, std::nullopt, std::nullopt};
  for (const auto& ref : contract.references) schema.references.push_back({ref.name, ref.subject, ref.version});
  if (with_metadata) schema.metadata = governance_metadata(contract.governance);
  return schema;
}

SubjectVerdict check_one(const SubjectContract& contract, RegistryClient* client) {
  SubjectVerdict verdict;
  verdict.subject = contract.subject;
  verdict.type = contract.type;
  const auto text = read_file(contract.schema_file);
  if (!text) {
    verdict.schema_errors.push_back("schema file " + contract.schema_file.string() + " cannot be read");
    return verdict;
  }
  auto references = reference_texts(contract, client);
  if (!references) {
    verdict.schema_errors.push_back(references.error().message);
    return verdict;
  }

  std::vector<formats::ResolvedReference> resolved;
  for (const auto& ref : *references) resolved.push_back({ref.name, ref.subject, ref.version, ref.text});
  const formats::Format* format = formats::format_for(contract.type);
  if (!format) {
    verdict.schema_errors.push_back("schema type " + std::string(to_string(contract.type)) + " is not supported");
  } else if (auto parsed = format->parse(*text, resolved); !parsed) {
    verdict.schema_errors.push_back(parsed.error().message);
  }
  auto validator = make_event_validator(contract.type, *text, *references, contract.message);
  if (!validator && verdict.schema_errors.empty()) verdict.schema_errors.push_back(validator.error().message);

  if (client && verdict.schema_errors.empty()) {
    auto answer = client->check_compatibility(contract.subject, schema_of(contract, *text, false), contract.normalize);
    if (answer) {
      verdict.compatibility_checked = true;
      verdict.compatible = answer->is_compatible;
      verdict.compatibility_messages = answer->messages;
    } else if (answer.error().error_code == 40401) {
      verdict.compatibility_checked = true;  // a subject not registered yet accepts anything
    } else {
      verdict.registry_error = answer.error().message;
    }
  }
  if (validator && contract.fixtures) {
    auto fixtures = check_fixtures(**validator, *contract.fixtures);
    verdict.fixture_events = fixtures.events;
    verdict.fixture_problems = std::move(fixtures.problems);
  }
  return verdict;
}

}  // namespace

bool SubjectVerdict::ok() const {
  return schema_errors.empty() && compatible && !registry_error && fixture_problems.empty() && !register_error;
}

bool CheckReport::ok() const {
  for (const auto& subject : subjects)
    if (!subject.ok()) return false;
  return true;
}

CheckReport check_contracts(const Manifest& manifest, RegistryClient* client) {
  CheckReport report;
  for (const auto& contract : manifest.subjects) report.subjects.push_back(check_one(contract, client));
  return report;
}

void register_contracts(const Manifest& manifest, RegistryClient& client, CheckReport& report) {
  for (size_t i = 0; i < manifest.subjects.size() && i < report.subjects.size(); ++i) {
    const auto& contract = manifest.subjects[i];
    const auto text = read_file(contract.schema_file);
    if (!text) continue;
    auto registered = client.register_schema(contract.subject, schema_of(contract, *text, true), contract.normalize);
    if (!registered) {
      report.subjects[i].register_error = registered.error().message;
      continue;
    }
    report.subjects[i].registered = *registered;
  }
  report.registered = true;
}

std::string render_text(const CheckReport& report) {
  std::ostringstream out;
  size_t passed = 0;
  for (const auto& s : report.subjects) {
    out << (s.ok() ? "PASS " : "FAIL ") << s.subject << " (" << to_string(s.type) << "): ";
    std::vector<std::string> notes;
    if (!s.schema_errors.empty()) notes.push_back("schema does not parse");
    if (s.registry_error) notes.push_back("registry check failed");
    else if (s.compatibility_checked) notes.push_back(s.compatible ? "compatible with the registry" : "INCOMPATIBLE with the registry");
    else if (s.schema_errors.empty()) notes.push_back("registry not consulted");
    notes.push_back(std::to_string(s.fixture_events) + " fixture event(s), " + std::to_string(s.fixture_problems.size()) +
                    " problem(s)");
    if (s.registered) notes.push_back("registered as id " + std::to_string(s.registered->id) + " version " +
                                      std::to_string(s.registered->version));
    for (size_t i = 0; i < notes.size(); ++i) out << (i ? "; " : "") << notes[i];
    out << "\n";
    for (const auto& e : s.schema_errors) out << "    schema: " << e << "\n";
    if (s.registry_error) out << "    registry: " << *s.registry_error << "\n";
    if (!s.compatible)
      for (const auto& m : s.compatibility_messages) out << "    incompatible: " << m << "\n";
    for (const auto& p : s.fixture_problems)
      out << "    fixture " << p.file << (p.path.empty() ? "" : " at " + p.path) << ": " << p.message << "\n";
    if (s.register_error) out << "    register: " << *s.register_error << "\n";
    if (s.ok()) ++passed;
  }
  out << report.subjects.size() << " subject(s): " << passed << " passed, " << report.subjects.size() - passed
      << " failed\n";
  return out.str();
}

nlohmann::json render_json(const CheckReport& report) {
  nlohmann::json subjects = nlohmann::json::array();
  for (const auto& s : report.subjects) {
    nlohmann::json fixtures = nlohmann::json::array();
    for (const auto& p : s.fixture_problems) fixtures.push_back({{"file", p.file}, {"path", p.path}, {"message", p.message}});
    nlohmann::json entry = {{"subject", s.subject},
                            {"schemaType", std::string(to_string(s.type))},
                            {"ok", s.ok()},
                            {"schema_errors", s.schema_errors},
                            {"compatibility",
                             {{"checked", s.compatibility_checked},
                              {"is_compatible", s.compatible},
                              {"messages", s.compatibility_messages}}},
                            {"fixtures", {{"events", s.fixture_events}, {"problems", fixtures}}}};
    if (s.registry_error) entry["registry_error"] = *s.registry_error;
    if (s.registered) entry["registered"] = {{"id", s.registered->id}, {"version", s.registered->version}};
    if (s.register_error) entry["register_error"] = *s.register_error;
    subjects.push_back(std::move(entry));
  }
  return {{"ok", report.ok()}, {"registered", report.registered}, {"subjects", subjects}};
}

}  // namespace accord::serde::contract
