"""The benchmark reads wrk's report: rates, percentiles in any unit, and every kind of error."""

from bench.load import parse_wrk

WRK_REPORT = """Running 5s test @ http://127.0.0.1:8765/
  1 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.10ms    1.00ms  30.00ms   90.00%
  Latency Distribution
     50%  850.00us
     75%    2.00ms
     90%    3.00ms
     99%    1.20s
  9000 requests in 5.00s, 1.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   1800.50
Transfer/sec:    200.00KB
"""


def test_rate_and_percentiles_are_read_in_milliseconds_whatever_wrk_prints():
    rps, p50, p99, _ = parse_wrk(WRK_REPORT)
    assert (rps, p50, p99) == (1800.5, 0.85, 1200.0)


def test_error_responses_and_socket_errors_are_counted_together():
    *_, errors = parse_wrk(WRK_REPORT)
    assert errors == 7


def test_a_clean_run_has_no_errors():
    clean = WRK_REPORT.replace("  Socket errors: connect 0, read 2, write 0, timeout 1\n", "")
    *_, errors = parse_wrk(clean.replace("  Non-2xx or 3xx responses: 4\n", ""))
    assert errors == 0
