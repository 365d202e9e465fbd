-- wrk script: authenticated /event calls (issue 19). Each call is one of BENCH_PEOPLE_FILE's people
-- (a line "ID HEX": the declared ID and its signature, made by scripts/bench with the demo's secret
-- for data source 20914), logged in (auth state 1, proven by d_cid_sig), from one of the person's
-- BENCH_DEVICES devices (a d_uuid of its own) or, for a BENCH_NO_UUID share of calls, without a d_uuid
-- (the node then takes the device the ID's newest link points to: a server-to-server call naming only
-- the person); 3-8 signals as in event.lua. Prints one parseable line at the end.
local people_file = os.getenv("BENCH_PEOPLE_FILE") or "run/bench/people.txt"
local devices = tonumber(os.getenv("BENCH_DEVICES") or "2")
local no_uuid = tonumber(os.getenv("BENCH_NO_UUID") or "0.1")
local people = {}
local categories = {"shoes", "sports", "running", "books", "travel", "garden", "music", "cars"}
local brands = {"acme", "globex", "initech", "umbrella", "hooli", "stark"}
local colors = {"red", "blue", "black", "white", "green"}
local pages = {"home", "product", "cart", "search", "article"}

-- device d (1..devices) of person p: a 38-digit uuid of its own, apart from event.lua's pool
local function uuid_for(p, d)
  return string.format("%019d%019d", 2000000000 + p * 7919, 5353535353 + p * 16 + d)
end

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(os.time() + (seed or 0))
  for line in io.lines(people_file) do
    local id, sig = line:match("^(%S+)%s+(%x+)$")
    if id then people[#people + 1] = {id = id, sig = sig} end
  end
  if #people == 0 then error("no people in " .. people_file) end
end

request = function()
  local p = math.random(1, #people)
  local person = people[p]
  local parts = {"d_rtbd=json"}
  if math.random() >= no_uuid then
    parts[#parts + 1] = "d_uuid=" .. uuid_for(p, math.random(1, devices))
  end
  local n = math.random(3, 8)
  local signals = {
    function() return "c_category=" .. categories[math.random(#categories)] end,
    function() return "c_brand=" .. brands[math.random(#brands)] end,
    function() return "c_price=" .. math.random(1, 300) end,
    function() return "c_color=" .. colors[math.random(#colors)] end,
    function() return "c_page=" .. pages[math.random(#pages)] end,
    function() return "c_size=" .. math.random(36, 46) end,
    function() return "c_logged=yes" end,
    function() return "p_email_domain=example.com" end,
  }
  for i = 1, n do parts[#parts + 1] = signals[i]() end
  parts[#parts + 1] = "d_cid=20914%01" .. person.id .. "%011"
  parts[#parts + 1] = "d_cid_sig=20914%01" .. person.sig
  return wrk.format("GET", "/event?" .. table.concat(parts, "&"))
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, errors, summary.requests))
end
