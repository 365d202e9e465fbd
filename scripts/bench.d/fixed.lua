-- wrk script for the reference servers: the same path shape, the same parseable result line.
request = function()
  return wrk.format("GET", "/event?d_rtbd=json&c_category=shoes&c_price=120&c_brand=acme")
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, errors, summary.requests))
end
