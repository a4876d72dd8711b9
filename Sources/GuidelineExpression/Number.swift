/// Why a decimal operation or parse failed.
package enum NumberError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text is not a decimal number.
    case invalidSyntax
    /// The text has more than six decimal places.
    case tooManyDecimalPlaces
    /// The result does not fit (about ±9.2 million million).
    case overflow
    /// A division by zero.
    case divisionByZero

    /// A lowercase message with no final period.
    package var description: String {
        switch self {
        case .invalidSyntax: "not a decimal number"
        case .tooManyDecimalPlaces: "more than \(Number.decimalPlaces) decimal places"
        case .overflow: "number too large"
        case .divisionByZero: "division by zero"
        }
    }
}

/// An exact fixed-point decimal: an `Int64` mantissa scaled by 10^6 (six decimal places).
///
/// Arithmetic is checked: overflow and division by zero throw `NumberError`, never trap.
/// Multiplication and division round to six places half-to-even (banker's rounding).
public struct Number: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The number of decimal places kept.
    package static let decimalPlaces = 6
    /// 10^6, the scale of `scaled`.
    package static let scale: Int64 = 1_000_000

    /// The value times 10^6.
    ///
    /// Never `Int64.min`, so negation is always safe.
    package let scaled: Int64

    /// The largest whole part a number can have: 9,223,372,036,854 (`Int64.max` scaled by 10^6).
    ///
    /// Numbers in rule files and cases beyond it, in either direction, are errors naming this limit.
    package static let largestWhole: Int64 = Int64.max / scale

    /// Zero.
    package static let zero = Number(scaled: 0)
    /// One.
    package static let one = Number(scaled: scale)

    /// Creates a number from its scaled mantissa (value × 10^6); `Int64.min` becomes `-Int64.max`.
    package init(scaled: Int64) {
        self.scaled = scaled == Int64.min ? -Int64.max : scaled
    }

    /// Creates a number from an integer; nil when it does not fit.
    package init?(exactly integer: Int) {
        let (value, overflow) = Int64(integer).multipliedReportingOverflow(by: Number.scale)
        guard !overflow, value != Int64.min else { return nil }
        self.scaled = value
    }

    /// Parses decimal text such as `14`, `0.5`, `-3.25`; nil when invalid, too precise or too large.
    public init?(_ text: String) {
        guard case .success(let n) = Number.parse(text) else { return nil }
        self = n
    }

    /// Parses decimal text: optional `-`, digits, optional `.` followed by 1 to 6 digits.
    package static func parse(_ text: String) -> Result<Number, NumberError> {
        var scalars = Substring(text).unicodeScalars[...]
        var negative = false
        if scalars.first == "-" {
            negative = true
            scalars = scalars.dropFirst()
        }
        var integerPart: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var sawDigit = false
        var inFraction = false
        var tooLarge = false
        for s in scalars {
            if s == "." {
                guard !inFraction, sawDigit else { return .failure(.invalidSyntax) }
                inFraction = true
                continue
            }
            guard let digit = asciiDigit(s) else { return .failure(.invalidSyntax) }
            if inFraction {
                fractionDigits += 1
                if fractionDigits > decimalPlaces { return .failure(.tooManyDecimalPlaces) }
                fraction = fraction * 10 + digit
            } else {
                sawDigit = true
                let (m, o1) = integerPart.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(digit)
                if o1 || o2 { tooLarge = true } else { integerPart = a }
            }
        }
        guard sawDigit, !(inFraction && fractionDigits == 0) else { return .failure(.invalidSyntax) }
        if tooLarge { return .failure(.overflow) }
        var fractionScaled = fraction
        for _ in fractionDigits..<decimalPlaces { fractionScaled *= 10 }
        let (m, o1) = integerPart.multipliedReportingOverflow(by: scale)
        let (value, o2) = m.addingReportingOverflow(fractionScaled)
        guard !o1, !o2 else { return .failure(.overflow) }
        return .success(Number(scaled: negative ? -value : value))
    }

    static func asciiDigit(_ s: Unicode.Scalar) -> Int64? {
        guard s.value >= 48, s.value <= 57 else { return nil }
        return Int64(s.value - 48)
    }

    /// True when the number has no fractional part.
    package var isInteger: Bool { scaled % Number.scale == 0 }

    /// The integer part (truncated toward zero).
    package var integerPart: Int64 { scaled / Number.scale }

    /// Canonical text: `14`, `0.5`, `2.25`, `-3`, no trailing zeros, no exponent.
    public var description: String {
        let magnitude = scaled.magnitude
        let whole = magnitude / UInt64(Number.scale)
        var fraction = magnitude % UInt64(Number.scale)
        var text = scaled < 0 ? "-" : ""
        text += String(whole)
        if fraction != 0 {
            var digits = Number.decimalPlaces
            while fraction % 10 == 0 {
                fraction /= 10
                digits -= 1
            }
            let f = String(fraction)
            text += "." + String(repeating: "0", count: max(0, digits - f.count)) + f
        }
        return text
    }

    /// The negated number (always representable).
    package var negated: Number { Number(scaled: -scaled) }

    /// The absolute value (always representable).
    package var magnitude: Number { Number(scaled: scaled < 0 ? -scaled : scaled) }

    /// `self + other`, or `.overflow`.
    package func adding(_ other: Number) throws(NumberError) -> Number {
        let (v, o) = scaled.addingReportingOverflow(other.scaled)
        guard !o, v != Int64.min else { throw .overflow }
        return Number(scaled: v)
    }

    /// `self - other`, or `.overflow`.
    package func subtracting(_ other: Number) throws(NumberError) -> Number {
        let (v, o) = scaled.subtractingReportingOverflow(other.scaled)
        guard !o, v != Int64.min else { throw .overflow }
        return Number(scaled: v)
    }

    /// `self × other` rounded half-to-even to six places, or `.overflow`.
    package func multiplied(by other: Number) throws(NumberError) -> Number {
        try Number.combine(
            negative: (scaled < 0) != (other.scaled < 0),
            Number.mulDiv(scaled.magnitude, other.scaled.magnitude, UInt64(Number.scale)))
    }

    /// `self ÷ other` rounded half-to-even to six places; `.divisionByZero` or `.overflow`.
    package func divided(by other: Number) throws(NumberError) -> Number {
        guard other.scaled != 0 else { throw .divisionByZero }
        return try Number.combine(
            negative: (scaled < 0) != (other.scaled < 0),
            Number.mulDiv(scaled.magnitude, UInt64(Number.scale), other.scaled.magnitude))
    }

    private static func combine(negative: Bool, _ magnitude: UInt64?) throws(NumberError) -> Number {
        guard let magnitude, magnitude <= UInt64(Int64.max) else { throw .overflow }
        let v = Int64(magnitude)
        return Number(scaled: negative ? -v : v)
    }

    /// `a × b ÷ c` with a 128-bit intermediate, rounded half-to-even; nil when the quotient overflows.
    static func mulDiv(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64? {
        guard c != 0 else { return nil }
        let (high, low) = a.multipliedFullWidth(by: b)
        guard high < c else { return nil }
        let (q, r) = c.dividingFullWidth((high, low))
        // Round half to even: compare r with c - r (no overflow since r < c).
        let rest = c - r
        guard r > rest || (r == rest && q & 1 == 1) else { return q }
        let (q1, o) = q.addingReportingOverflow(1)
        return o ? nil : q1
    }

    /// Orders by value.
    public static func < (lhs: Number, rhs: Number) -> Bool { lhs.scaled < rhs.scaled }
}
