-- GET every path listed in the file named by $BENCH_PATHS (one per line), round robin.
-- With $BENCH_THREADS (wrk's -t) set, thread k starts k/threads of the way into the list,
-- so that no thread reads what another read until the list wraps (a walk of first reads
-- stays one); otherwise the threads start a few thousand paths apart.
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
  local total = tonumber(os.getenv("BENCH_THREADS") or "")
  if total and total > 0 then
    i = math.floor((first or 0) * #paths / total)
  else
    i = ((first or 0) * 7919) % #paths
  end
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
