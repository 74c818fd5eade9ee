#pragma once
// The event the example producer writes and the consumer reads.
inline constexpr const char* kUserUpdatedSchema = R"({"type":"record","name":"UserUpdated","namespace":"com.acme",
  "fields":[{"name":"user_id","type":"long"},{"name":"user_name","type":"string"},
            {"name":"email","type":["null","string"],"default":null}]})";
