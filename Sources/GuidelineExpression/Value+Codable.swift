/// Values in their reported form, the form of `Schemas/result.schema.json`: `null` for unknown, booleans, numbers,
/// `{"value", "unit"}` for quantities, `{"min", "max"}` for intervals and ranges, text for enum words and text,
/// arrays for lists.
///
/// The reported form is the interchange form, not the engine's: an enum word comes back as text (a value read
/// from JSON has no ruleset to name its enum), and `{"min", "max"}` of two numbers comes back as an interval.
/// Encoding what was decoded gives the same JSON again.
extension Value: Codable {
    private enum BoundKeys: String, CodingKey {
        case min, max, value, unit
    }

    /// Writes the value in its reported form.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .unknown:
            var single = encoder.singleValueContainer()
            try single.encodeNil()
        case .bool(let b):
            var single = encoder.singleValueContainer()
            try single.encode(b)
        case .number(let n):
            try n.encode(to: encoder)
        case .interval(let lo, let hi):
            var keyed = encoder.container(keyedBy: BoundKeys.self)
            try keyed.encode(lo, forKey: .min)
            try keyed.encode(hi, forKey: .max)
        case .quantity(let q):
            var keyed = encoder.container(keyedBy: BoundKeys.self)
            try keyed.encode(q.value, forKey: .value)
            try keyed.encode(q.unit.symbol, forKey: .unit)
        case .symbol, .string:
            var single = encoder.singleValueContainer()
            try single.encode(description)
        case .list(let items):
            var unkeyed = encoder.unkeyedContainer()
            for item in items { try unkeyed.encode(item) }
        case .range(let lo, let hi):
            var keyed = encoder.container(keyedBy: BoundKeys.self)
            try keyed.encode(lo, forKey: .min)
            try keyed.encode(hi, forKey: .max)
        }
    }

    /// Reads a value in its reported form.
    public init(from decoder: any Decoder) throws {
        if let keyed = try? decoder.container(keyedBy: BoundKeys.self) {
            if keyed.contains(.unit) {
                let number = try keyed.decode(Number.self, forKey: .value)
                let symbol = try keyed.decode(String.self, forKey: .unit)
                guard let unit = Unit.lookup(symbol), let quantity = try? Quantity(number, unit) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .unit, in: keyed, debugDescription: "unknown unit '\(symbol)'")
                }
                self = .quantity(quantity)
                return
            }
            let lo = try keyed.decode(Value.self, forKey: .min)
            let hi = try keyed.decode(Value.self, forKey: .max)
            if case .number(let a) = lo, case .number(let b) = hi {
                self = .interval(lo: a, hi: b)
            } else {
                self = .range(lo, hi)
            }
            return
        }
        if var unkeyed = try? decoder.unkeyedContainer() {
            var items: [Value] = []
            while !unkeyed.isAtEnd { items.append(try unkeyed.decode(Value.self)) }
            self = .list(items)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .unknown
        } else if let b = try? single.decode(Bool.self) {
            self = .bool(b)
        } else if let text = try? single.decode(String.self) {
            self = .string(text)
        } else {
            self = .number(try Number(from: decoder))
        }
    }
}

/// Numbers as JSON numbers: whole numbers exactly, others as the nearest binary double (exact for up to 15
/// significant digits), read back rounded to the six decimal places numbers have.
extension Number: Codable {
    /// Writes the number.
    public func encode(to encoder: any Encoder) throws {
        var single = encoder.singleValueContainer()
        if isInteger {
            try single.encode(integerPart)
        } else {
            try single.encode(Double(scaled) / Double(Number.scale))
        }
    }

    /// Reads a number; one too large for the engine is a decoding error.
    public init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if let whole = try? single.decode(Int64.self) {
            guard let number = Number(exactly: Int(whole)) else {
                throw DecodingError.dataCorruptedError(
                    in: single, debugDescription: "\(whole) is too large: the limit is \(Number.largestWhole)")
            }
            self = number
            return
        }
        let double = try single.decode(Double.self)
        let scaled = (double * Double(Number.scale)).rounded()
        guard scaled.isFinite, scaled.magnitude < Double(Int64.max) else {
            throw DecodingError.dataCorruptedError(
                in: single, debugDescription: "\(double) is too large: the limit is \(Number.largestWhole)")
        }
        self = Number(scaled: Int64(scaled))
    }
}
