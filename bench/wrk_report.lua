-- wrk -s bench/wrk_report.lua: at the end of a run, wrk's summary as one JSON line for
-- bench/load_bench.py, with the percentiles wrk's --latency table leaves out (p95). Latency in ms.
done = function(summary, latency, requests)
  local e = summary.errors
  local function p(q) return latency:percentile(q) / 1000.0 end
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, "write": %d, '
    .. '"status": %d, "timeout": %d, "p50": %.3f, "p75": %.3f, "p90": %.3f, "p95": %.3f, "p99": %.3f, '
    .. '"max": %.3f, "mean": %.3f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    p(50), p(75), p(90), p(95), p(99), latency.max / 1000.0, latency.mean / 1000.0))
end
