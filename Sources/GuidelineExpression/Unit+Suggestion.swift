import GuidelineDiagnostics

extension Unit {
    /// Words people write for a unit instead of its UCUM symbol (`months` for `mo`, `gray` for `Gy`),
    /// lowercased, mapped to the symbol.
    private static let spelledOut: [String: String] = [
        "second": "s", "seconds": "s", "sec": "s", "secs": "s", "minute": "min", "minutes": "min", "mins": "min",
        "hour": "h", "hours": "h", "hr": "h", "hrs": "h", "day": "d", "days": "d", "week": "wk", "weeks": "wk",
        "w": "wk", "month": "mo", "months": "mo", "mon": "mo", "mth": "mo", "mths": "mo", "year": "a", "years": "a",
        "yr": "a", "yrs": "a", "y": "a", "gray": "Gy", "gy": "Gy", "centigray": "cGy", "cgy": "cGy",
        "kilogram": "kg", "kilograms": "kg", "gram": "g", "grams": "g", "milligram": "mg", "milligrams": "mg",
        "microgram": "ug", "micrograms": "ug", "mcg": "ug", "µg": "ug", "litre": "L", "liter": "L", "litres": "L",
        "liters": "L", "l": "L", "ml": "mL", "millilitre": "mL", "milliliter": "mL", "dl": "dL", "µl": "uL",
        "/µl": "/uL", "/ul": "/uL", "/mm^3": "/mm3", "/mm³": "/mm3", "x10^9/l": "10*9/L", "10^9/l": "10*9/L",
        "mg/dl": "mg/dL", "g/dl": "g/dL", "g/l": "g/L", "mmol/l": "mmol/L", "percent": "%", "pct": "%",
        "metre": "m", "meter": "m", "centimetre": "cm", "centimeter": "cm", "millimetre": "mm", "millimeter": "mm",
    ]

    /// The unit someone writing `word` most likely meant: a spelled-out name (`months`, `gray`), a symbol in the
    /// wrong case (`ML`), or a symbol a typo away; among `candidates` (default: every unit) only.
    package static func suggestion(for word: String, among candidates: [Unit] = Unit.all) -> Unit? {
        if let symbol = spelledOut[word.lowercased()], let unit = lookup(symbol), candidates.contains(unit) {
            return unit
        }
        guard let symbol = Suggestions.closest(to: word, in: candidates.map(\.symbol)) else { return nil }
        return lookup(symbol)
    }
}
