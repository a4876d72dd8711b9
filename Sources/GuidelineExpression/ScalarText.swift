/// Builds strings from runs of Unicode scalars by writing their UTF-8 directly, instead of appending one
/// scalar at a time to a `String.UnicodeScalarView` (which re-checks the string's storage per scalar).
enum ScalarText {
    /// The string of `scalars`.
    static func string(_ scalars: some Collection<Unicode.Scalar>) -> String {
        var count = 0
        for scalar in scalars { count += UTF8.width(scalar) }
        guard count > 0 else { return "" }
        return String(unsafeUninitializedCapacity: count) { buffer in
            var index = 0
            for scalar in scalars {
                if scalar.value < 0x80 {
                    buffer[index] = UInt8(truncatingIfNeeded: scalar.value)
                    index += 1
                } else {
                    UTF8.encode(scalar) { unit in
                        buffer[index] = unit
                        index += 1
                    }
                }
            }
            return index
        }
    }
}
