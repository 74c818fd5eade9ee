-- POST a new schema per request, each under a subject of its own (so no compatibility check
-- against earlier versions: this measures the write path itself: parse, allocate, append to
-- the log, wait until applied). $BENCH_RUN keeps runs apart (letters, digits, _: it is part of an Avro name).
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

local n = 0
local run = os.getenv("BENCH_RUN") or "0"
function request()
  n = n + 1
  local name = "W" .. run .. "_" .. tid .. "_" .. n
  local body = '{"schema":"{\\"type\\":\\"record\\",\\"name\\":\\"' .. name ..
      '\\",\\"fields\\":[{\\"name\\":\\"id\\",\\"type\\":\\"string\\"},{\\"name\\":\\"n\\",\\"type\\":\\"long\\"}]}"}'
  return wrk.format("POST", "/subjects/bench-write-" .. name .. "/versions",
      {["Content-Type"] = "application/vnd.schemaregistry.v1+json"}, body)
end
