-- GET every path listed in the file named by $BENCH_PATHS (one per line), round robin;
-- each wrk thread starts at a different place in the list.
local threads = 0
function setup(thread)
  thread:set("first", threads)
  threads = threads + 1
end

local paths = {}
local i = 0
function init(args)
  for line in io.lines(os.getenv("BENCH_PATHS")) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  i = ((first or 0) * 7919) % #paths
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
