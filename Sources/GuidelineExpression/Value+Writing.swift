extension Value {
    /// Appends `description` as UTF-8, without building intermediate strings for the common cases.
    package func writeText(into out: inout [UInt8]) {
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
    /// The most bytes `writeDigits(to:)` writes: sign, 13 whole digits, point, 6 decimals.
    package static let maximumDigits = 21

    /// Appends `description` as UTF-8 digits.
    package func write(into out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Number.maximumDigits) { buffer in
            // Never nil: the buffer holds `maximumDigits` bytes; batch lines write every number here.
            // swift-format-ignore: NeverForceUnwrap
            let count = writeDigits(to: buffer.baseAddress!)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    /// Writes `description` as UTF-8 digits at `start` (room for `maximumDigits` bytes); returns how many.
    package func writeDigits(to start: UnsafeMutablePointer<UInt8>) -> Int {
        let magnitude = scaled.magnitude
        var whole = magnitude / UInt64(Number.scale)
        var fraction = magnitude % UInt64(Number.scale)
        var fractionDigits = 0
        if fraction != 0 {
            fractionDigits = Number.decimalPlaces
            while fraction % 10 == 0 {
                fraction /= 10
                fractionDigits -= 1
            }
        }
        var wholeDigits = 1
        var rest = whole / 10
        while rest > 0 {
            wholeDigits += 1
            rest /= 10
        }
        let sign = scaled < 0 ? 1 : 0
        let count = sign + wholeDigits + (fractionDigits > 0 ? 1 + fractionDigits : 0)
        if sign == 1 { start[0] = UInt8(ascii: "-") }
        var position = sign + wholeDigits
        repeat {
            position -= 1
            start[position] = UInt8(ascii: "0") + UInt8(whole % 10)
            whole /= 10
        } while position > sign
        if fractionDigits > 0 {
            start[sign + wholeDigits] = UInt8(ascii: ".")
            position = count
            while position > sign + wholeDigits + 1 {
                position -= 1
                start[position] = UInt8(ascii: "0") + UInt8(fraction % 10)
                fraction /= 10
            }
        }
        return count
    }
}
