-- wrk's report as one JSON line (bench/run.py reads it): latency percentiles in ms,
-- requests, throughput and every kind of error (non-2xx/3xx answers counted as "status").
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"p50_ms": %.1f, "p95_ms": %.1f, "p99_ms": %.1f, "requests": %d, "seconds": %.3f, '
    .. '"errors": %d, "connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\n',
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.duration / 1e6,
    e.connect + e.read + e.write + e.status + e.timeout,
    e.connect, e.read, e.write, e.status, e.timeout))
end
