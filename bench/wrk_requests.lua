-- wrk script of the load test (bench/loadtest.py): GET the paths of a list round-robin, each with
-- its own bearer token, and count every answer other than 200 as an error. Argument: the list,
-- one request a line, "PATH<TAB>TOKEN" (no token: anonymous), then the number of wrk threads.
-- done() prints one JSON line.
local threads = {}

function setup(thread)
   thread:set("offset", #threads)
   table.insert(threads, thread)
end

function init(args)
   requests, non200, first_bad = {}, 0, ""
   for line in io.lines(args[1]) do
      local path, token = line:match("^([^\t]+)\t?(.*)$")
      local headers = {}
      if token ~= "" then headers["Authorization"] = "Bearer " .. token end
      table.insert(requests, {path = path, raw = wrk.format("GET", path, headers)})
   end
   -- each thread starts elsewhere in the list, so the threads together send the whole mix
   n = math.floor(offset * #requests / tonumber(args[2]))
   last = {}
end

function request()
   n = n + 1
   return requests[(n % #requests) + 1].raw
end

function response(status, headers, body)
   if status ~= 200 then
      non200 = non200 + 1
      if first_bad == "" then first_bad = tostring(status) end
   end
end

function done(summary, latency, _requests)
   local bad, samples = 0, {}
   for _, thread in ipairs(threads) do
      bad = bad + thread:get("non200")
      local sample = thread:get("first_bad")
      if sample ~= "" then table.insert(samples, '"' .. sample .. '"') end
   end
   local e = summary.errors
   io.write(string.format(
      '{"requests": %d, "duration_us": %d, "non200": %d, "connect": %d, "read": %d, "write": %d, ' ..
      '"timeout": %d, "p50_us": %d, "p95_us": %d, "mean_us": %.1f, "max_us": %d, "samples": [%s]}\n',
      summary.requests, summary.duration, bad, e.connect, e.read, e.write, e.timeout,
      latency:percentile(50), latency:percentile(95), latency.mean, latency.max, table.concat(samples, ", ")))
end
