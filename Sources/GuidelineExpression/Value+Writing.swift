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
        withDigits { out.append(contentsOf: $0) }
    }

    /// Calls `body` with `description` as UTF-8 digits in a temporary buffer (no allocation).
    public func withDigits<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        // Sign, 13 whole digits (Int64.max / 10^6), point, 6 decimals: 21 bytes at most.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            var end = 32
            let magnitude = scaled.magnitude
            var fraction = magnitude % UInt64(Number.scale)
            if fraction != 0 {
                var digits = Number.decimalPlaces
                while fraction % 10 == 0 {
                    fraction /= 10
                    digits -= 1
                }
                for _ in 0..<digits {
                    end -= 1
                    buffer[end] = UInt8(ascii: "0") + UInt8(fraction % 10)
                    fraction /= 10
                }
                end -= 1
                buffer[end] = UInt8(ascii: ".")
            }
            var whole = magnitude / UInt64(Number.scale)
            repeat {
                end -= 1
                buffer[end] = UInt8(ascii: "0") + UInt8(whole % 10)
                whole /= 10
            } while whole > 0
            if scaled < 0 {
                end -= 1
                buffer[end] = UInt8(ascii: "-")
            }
            return body(UnsafeBufferPointer(rebasing: buffer[end..<32]))
        }
    }
}
