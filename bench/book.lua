-- wrk script for bench/load: POST /api/clinics/demo/appointments with real free times.
--
-- wrk ... -s bench/book.lua URL -- SLOTS_FILE THREADS
-- SLOTS_FILE has one free time a line: "<service_id> <practitioner_id> <start UTC>".
-- Each wrk thread takes its own share of the lines in a shuffled order, so no two requests
-- ask for the same time until a thread has gone through its share (then it starts over, and
-- those repeats are answered 409). Overlapping times of one practitioner are 409 as well:
-- that is the double-booking guard at work. Status counts are printed at the end.

local threads = {}
local next_thread_id = 0

function setup(thread)
  next_thread_id = next_thread_id + 1
  thread:set("id", next_thread_id)
  table.insert(threads, thread)
end

function init(args)
  local path = args[1]
  local thread_count = tonumber(args[2]) or 1
  math.randomseed(os.time() * 1000 + id * 7919)
  local all = {}
  for line in io.lines(path) do
    local service, practitioner, start = line:match("^(%d+) (%d+) (%S+)$")
    if service then
      table.insert(all, { service, practitioner, start })
    end
  end
  slots = {}
  for i = id, #all, thread_count do
    table.insert(slots, all[i])
  end
  for i = #slots, 2, -1 do
    local j = math.random(i)
    slots[i], slots[j] = slots[j], slots[i]
  end
  sent = 0
  counts = {}
end

function request()
  sent = sent + 1
  if #slots == 0 then
    return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, "{}")
  end
  local slot = slots[((sent - 1) % #slots) + 1]
  local body = string.format(
    '{"service_id":%s,"practitioner_id":%s,"start":"%s","patient":{"name":"Load Test %d-%d",'
      .. '"email":"load%d-%d@example.org","language":"en","new_or_returning":"new","consent":true}}',
    slot[1], slot[2], slot[3], id, sent, id, sent
  )
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    if c then
      for status, n in pairs(c) do
        total[status] = (total[status] or 0) + n
      end
    end
  end
  local keys = {}
  for status in pairs(total) do
    table.insert(keys, status)
  end
  table.sort(keys)
  io.write("status counts:")
  for _, status in ipairs(keys) do
    io.write(string.format(" %d=%d", status, total[status]))
  end
  io.write("\n")
end
