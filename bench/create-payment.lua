-- wrk script: POST /v1/payments with a new merchantOrderNo on every request (a new order, a new
-- attempt at the sim channel), then one parseable line of figures.
--   wrk -t2 -c16 -d30s -s bench/create-payment.lua http://127.0.0.1:PORT -- <apiKey> <runLabel>
-- Each wrk thread has its own Lua state: setup() numbers the threads, so order numbers never collide.

local threads = {}
local next_thread = 0

function setup(thread)
  thread:set("thread_no", next_thread)
  next_thread = next_thread + 1
  table.insert(threads, thread)
end

local counter = 0
local prefix
local headers

function init(args)
  local api_key = args[1] or error("usage: -- <apiKey> <runLabel>")
  prefix = (args[2] or "load") .. "-" .. thread_no .. "-"
  headers = { ["Authorization"] = "Bearer " .. api_key, ["Content-Type"] = "application/json" }
end

function request()
  counter = counter + 1
  local body = '{"merchantOrderNo":"' .. prefix .. counter .. '","amount":1999,"currency":"USD",'
      .. '"channel":"sim","subject":"Bench tea","returnUrl":"https://shop.example/done"}'
  return wrk.format("POST", "/v1/payments", headers, body)
end

-- One line the bench harness parses (io.payonce.bench.WrkResult); latencies in microseconds.
function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
      "BENCH-WRK requests=%d duration_us=%d status_errors=%d socket_errors=%d p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d\n",
      summary.requests, summary.duration, errors.status,
      errors.connect + errors.read + errors.write + errors.timeout,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max))
end
