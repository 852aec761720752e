-- wrk script: request the paths listed in a file (one per line) in turn, so
-- that no two requests ask for the same one (the PDFs of many statements,
-- none of them cached yet).
--
-- Arguments after wrk's "--": the file; "forward" (start at the first path)
-- or "backward" (start at the last); wrk's thread count. Thread n takes every
-- n-th path, so threads never share one, and two runs going opposite ways
-- share one only when together they make more requests than there are paths.

local thread_count = 0

function setup(thread)
  thread:set("thread_number", thread_count)
  thread_count = thread_count + 1
end

local paths = {}
local position, step

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
  step = tonumber(args[3])
  if args[2] == "backward" then
    position = #paths - thread_number
    step = -step
  else
    position = 1 + thread_number
  end
end

function request()
  local path = paths[(position - 1) % #paths + 1]
  position = position + step
  return wrk.format("GET", path)
end
