extension Value {
    /// Appends `description` as UTF-8, without building intermediate strings for the common cases.
    public func writeText(into out: inout [UInt8]) {
        switch self {
        case .unknown: out.append(contentsOf: "unknown".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): n.write(into: &out)
        case .interval(let lo, let hi):
            lo.write(into: &out)
            out.append(contentsOf: "..".utf8)
            hi.write(into: &out)
        case .quantity(let q):
            q.value.write(into: &out)
            out.append(UInt8(ascii: " "))
            out.append(contentsOf: q.unit.symbol.utf8)
        case .symbol(let type, let index): out.append(contentsOf: (type.value(at: index) ?? "unknown").utf8)
        case .string(let s): out.append(contentsOf: s.utf8)
        case .list, .range: out.append(contentsOf: description.utf8)
        }
    }
}

extension Number {
    /// Appends `description` as UTF-8 digits.
    public func write(into out: inout [UInt8]) {
        let magnitude = scaled.magnitude
        if scaled < 0 { out.append(UInt8(ascii: "-")) }
        Self.writeDigits(magnitude / UInt64(Number.scale), into: &out)
        var fraction = magnitude % UInt64(Number.scale)
        guard fraction != 0 else { return }
        var digits = Number.decimalPlaces
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        out.append(UInt8(ascii: "."))
        var divisor: UInt64 = 1
        for _ in 1..<digits { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8((fraction / divisor) % 10))
            divisor /= 10
        }
    }

    private static func writeDigits(_ value: UInt64, into out: inout [UInt8]) {
        if value < 10 {
            out.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var position = 20
            var rest = value
            while rest > 0 {
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            out.append(contentsOf: buffer[position..<20])
        }
    }
}
