#include "schema_builder.hpp"

#include <map>
#include <set>

#include "accord/model/errors.hpp"
#include "builtin_files.hpp"
#include "normalize.hpp"
#include "pool_errors.hpp"
#include "proto_schema.hpp"
#include "proto_source.hpp"

namespace accord::formats::protobuf {
namespace {

namespace pb = google::protobuf;

Error invalid(std::string details) { return errors::invalid_schema("PROTOBUF", details); }

// Builds the files a schema imports, dependencies first, each once.
class ImportResolver {
 public:
  explicit ImportResolver(std::span<const ResolvedReference> references) : pool_(std::make_shared<pb::DescriptorPool>()) {
    for (const auto& ref : references) references_.emplace(ref.name, &ref);
  }

  Status add(const std::string& path, const ProtoSource& importer) {
    if (pool_->FindFileByName(path) != nullptr) return Ok{};
    if (!in_progress_.insert(path).second) return invalid("import cycle through \"" + path + "\"");
    auto status = build(path, importer);
    in_progress_.erase(path);
    return status;
  }

  std::shared_ptr<const pb::DescriptorPool> pool() const { return pool_; }
  std::map<std::string, FileOrigin> origins() const { return origins_; }

 private:
  Status build(const std::string& path, const ProtoSource& importer) {
    std::unique_ptr<ProtoSource> source;
    FileOrigin origin;
    if (auto ref = references_.find(path); ref != references_.end()) {
      auto read = read_proto_source(ref->second->text, path);
      if (!read) return invalid("reference \"" + path + "\": " + read.error().message);
      source = std::move(*read);
      origin = ReferenceOrigin{ref->second->subject, ref->second->version};
    } else if (const auto* compiled = pb::DescriptorPool::generated_pool()->FindFileByName(path)) {
      source = std::make_unique<ProtoSource>();
      compiled->CopyTo(&source->file);
    } else if (auto bundled = bundled_proto_text(path); !bundled.empty()) {
      auto read = read_proto_source(bundled, path);
      if (!read) return read.error();
      source = std::move(*read);
    } else {
      int line = -1;
      int column = 0;
      importer.locations.FindImport(&importer.file, path, &line, &column);
      return invalid(location_prefix(line, column) + "Import \"" + path +
                     "\" was not found: pass the schema it names as a reference named \"" + path + "\"");
    }
    for (const auto& dependency : source->file.dependency()) {
      if (auto status = add(dependency, *source); !status) return status;
    }
    PoolErrors errors(&source->locations);
    if (pool_->BuildFileCollectingErrors(source->file, &errors) == nullptr) {
      return invalid("reference \"" + path + "\": " + errors.first());
    }
    origins_.emplace(path, origin);
    return Ok{};
  }

  std::shared_ptr<pb::DescriptorPool> pool_;
  std::map<std::string, const ResolvedReference*> references_;
  std::map<std::string, FileOrigin> origins_;
  std::set<std::string> in_progress_;
};

void clear_json_names(pb::DescriptorProto* m) {
  for (auto& f : *m->mutable_field()) f.clear_json_name();
  for (auto& f : *m->mutable_extension()) f.clear_json_name();
  for (auto& nested : *m->mutable_nested_type()) clear_json_names(&nested);
}

// Drops json_name where it only restates the default, as protoc-generated serialized
// descriptors spell it out for every field while .proto text leaves it implicit.
void drop_default_json_names(pb::DescriptorProto* m, const pb::Descriptor& defaults) {
  for (int i = 0; i < m->field_size(); ++i) {
    if (m->field(i).json_name() == defaults.field(i)->json_name()) m->mutable_field(i)->clear_json_name();
  }
  for (int i = 0; i < m->nested_type_size(); ++i) drop_default_json_names(m->mutable_nested_type(i), *defaults.nested_type(i));
}

void drop_default_json_names(pb::FileDescriptorProto* file, const pb::DescriptorPool& imports) {
  pb::FileDescriptorProto probe = *file;
  for (auto& m : *probe.mutable_message_type()) clear_json_names(&m);
  pb::DescriptorPool probe_pool(&imports);
  PoolErrors ignored;
  const auto* defaults = probe_pool.BuildFileCollectingErrors(probe, &ignored);
  if (defaults == nullptr) return;  // the real build reports the error
  for (int i = 0; i < file->message_type_size(); ++i) {
    drop_default_json_names(file->mutable_message_type(i), *defaults->message_type(i));
  }
}

Result<std::string> print_normalized(const pb::FileDescriptor& file, const pb::DescriptorPool& imports) {
  pb::DescriptorPool pool(&imports);
  PoolErrors errors;
  const auto* normalized = pool.BuildFileCollectingErrors(normalized_file(file), &errors);
  if (normalized == nullptr) return invalid("cannot normalize: " + errors.first());
  return normalized->DebugString();
}

}  // namespace

Result<ParsedSchemaPtr> build_proto_schema(std::string_view text, std::span<const ResolvedReference> references) {
  auto read = read_proto_source(text, ProtoSchema::kFileName);
  if (!read) return read.error();
  ProtoSource& source = **read;

  ImportResolver resolver(references);
  for (const auto& dependency : source.file.dependency()) {
    if (auto status = resolver.add(dependency, source); !status) return status.error();
  }
  auto imports = resolver.pool();
  drop_default_json_names(&source.file, *imports);

  auto pool = std::make_unique<pb::DescriptorPool>(imports.get());
  PoolErrors errors(&source.locations);
  const auto* file = pool->BuildFileCollectingErrors(source.file, &errors);
  if (file == nullptr) return invalid(errors.first());

  auto normalized = print_normalized(*file, *imports);
  if (!normalized) return normalized.error();
  std::string canonical = file->DebugString();
  return ParsedSchemaPtr(std::make_shared<ProtoSchema>(std::move(imports), std::move(pool), file, resolver.origins(),
                                                       std::move(canonical), std::move(*normalized)));
}

}  // namespace accord::formats::protobuf
