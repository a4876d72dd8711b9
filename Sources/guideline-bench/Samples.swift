import Foundation

/// Timing samples and their summary (median and spread), for the benchmark's reports.
struct Samples {
    /// The samples, in the unit of `unit`.
    var values: [Double] = []
    /// The unit shown: `ms` or `us`.
    var unit: String

    init(values: [Double] = [], unit: String) {
        self.values = values
        self.unit = unit
    }

    /// The clock every measurement uses.
    static let clock = ContinuousClock()

    /// Runs `body` and adds its duration.
    mutating func time<T>(_ body: () throws -> T) rethrows -> T {
        let start = Self.clock.now
        let result = try body()
        let elapsed = Self.clock.now - start
        let microseconds = Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12
        values.append(unit == "ms" ? microseconds / 1000 : microseconds)
        return result
    }

    /// Runs `body` and adds the CPU time the calling thread spent in it (unlike the wall-clock time of
    /// `time`, not inflated by waiting for a core on a busy machine).
    mutating func cpuTime<T>(_ body: () throws -> T) rethrows -> T {
        func now() -> Double {
            var spec = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
            return Double(spec.tv_sec) * 1e6 + Double(spec.tv_nsec) / 1e3
        }
        let start = now()
        let result = try body()
        let microseconds = now() - start
        values.append(unit == "ms" ? microseconds / 1000 : microseconds)
        return result
    }

    /// The value at quantile `q` (0...1) of the sorted samples.
    func quantile(_ q: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))]
    }

    /// The median.
    var median: Double { quantile(0.5) }

    /// One report line: the label, median, p10, p90, p99 and the number of samples.
    func line(_ label: String) -> String {
        String(
            format: "%-44@ median %9.2f %@   p10 %9.2f   p90 %9.2f   p99 %9.2f   (n=%d)",
            label as NSString, median, unit as NSString, quantile(0.1), quantile(0.9), quantile(0.99), values.count)
    }
}
