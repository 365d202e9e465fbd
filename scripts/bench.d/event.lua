-- wrk script: realistic /event calls. A pool of returning visitors (d_uuid), some new ones,
-- 3-8 signals per call, some declared IDs. Prints one parseable line at the end.
local pool_size = tonumber(os.getenv("BENCH_POOL") or "20000")
local new_share = tonumber(os.getenv("BENCH_NEW_SHARE") or "0.3")
-- BENCH_WALK=1: every call a different returning visitor of the pool, in order (no new ones)
local walk = os.getenv("BENCH_WALK") == "1"
local next_visitor = 0
local categories = {"shoes", "sports", "running", "books", "travel", "garden", "music", "cars"}
local brands = {"acme", "globex", "initech", "umbrella", "hooli", "stark"}
local colors = {"red", "blue", "black", "white", "green"}
local pages = {"home", "product", "cart", "search", "article"}

local function uuid_for(i)
  return string.format("%019d%019d", 1000000000 + i * 7919, 4242424242 + i)
end

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(os.time() + (seed or 0))
end

request = function()
  local parts = {"d_rtbd=json"}
  if walk then
    next_visitor = next_visitor % pool_size + 1
    parts[#parts + 1] = "d_uuid=" .. uuid_for(next_visitor)
  elseif math.random() >= new_share then
    parts[#parts + 1] = "d_uuid=" .. uuid_for(math.random(1, pool_size))
  end
  local n = math.random(3, 8)
  local signals = {
    function() return "c_category=" .. categories[math.random(#categories)] end,
    function() return "c_brand=" .. brands[math.random(#brands)] end,
    function() return "c_price=" .. math.random(1, 300) end,
    function() return "c_color=" .. colors[math.random(#colors)] end,
    function() return "c_page=" .. pages[math.random(#pages)] end,
    function() return "c_size=" .. math.random(36, 46) end,
    function() return "c_logged=" .. (math.random() < 0.5 and "yes" or "no") end,
    function() return "p_email_domain=example.com" end,
  }
  for i = 1, n do parts[#parts + 1] = signals[i]() end
  if math.random() < 0.2 then
    parts[#parts + 1] = "d_cid=20915%01" .. string.format("DEV-%06d", math.random(1, pool_size))
  end
  return wrk.format("GET", "/event?" .. table.concat(parts, "&"))
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, errors, summary.requests))
end
