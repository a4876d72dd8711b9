import Prometheus

/// The server's metrics in Prometheus text form (`GET /metrics`): requests by route, method and status, a
/// latency histogram by route, cases evaluated by ruleset, error responses by status, requests in flight.
package final class ServerMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let inFlight: Gauge

    /// The latency buckets, in seconds: from 0.5 ms to 10 s.
    static let buckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(10),
    ]

    /// Creates the metrics, all at zero.
    package init() {
        inFlight = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "guideline", metricName: "http_requests_in_flight", unitName: "",
                helpText: "Requests being served"))
    }

    /// Counts a request answered: its route (the path template, never the path with values), method, status and
    /// time.
    package func request(route: String, method: String, status: Int, duration: Duration) {
        let labels = [("route", route), ("method", method), ("status", String(status))]
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "guideline", metricName: "http_requests", unitName: "total", helpText: "Requests answered"),
            labels: labels
        ).increment()
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "guideline", metricName: "http_request_duration", unitName: "seconds",
                helpText: "Time to answer a request"),
            labels: [("route", route)], buckets: Self.buckets
        ).record(duration)
        if status >= 400 {
            registry.makeCounter(
                descriptor: MetricNameDescriptor(
                    namespace: "guideline", metricName: "http_errors", unitName: "total", helpText: "Error responses"),
                labels: [("status", String(status))]
            ).increment()
        }
    }

    /// Counts cases evaluated against a ruleset (one for `evaluate`, one per line for a batch).
    package func evaluated(ruleset: String, cases: Int) {
        guard cases > 0 else { return }
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "guideline", metricName: "evaluations", unitName: "total", helpText: "Cases evaluated"),
            labels: [("ruleset", ruleset)]
        ).increment(by: Int64(cases))
    }

    /// A request started (`started: true`) or ended.
    package func inFlight(started: Bool) {
        if started { inFlight.increment() } else { inFlight.decrement() }
    }

    /// Every metric, in the Prometheus text format.
    package func text() -> [UInt8] {
        registry.emitToBuffer()
    }
}
