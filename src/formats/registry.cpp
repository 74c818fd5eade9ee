#include "accord/formats/avro.hpp"
#include "accord/formats/format.hpp"
#include "accord/formats/json.hpp"
#include "accord/formats/protobuf.hpp"

namespace accord::formats {

const Format* format_for(SchemaType type) {
  static const auto avro = make_avro_format();
  static const auto json = make_json_format();
  static const auto protobuf = make_protobuf_format();
  switch (type) {
    case SchemaType::Avro: return avro.get();
    case SchemaType::Json: return json.get();
    case SchemaType::Protobuf: return protobuf.get();
  }
  return nullptr;
}

}  // namespace accord::formats
