import GuidelineCompiler
import GuidelineExpression

/// One score as evaluation reads it: component slots, points and bands in flat arrays of plain values, so that
/// computing a total copies and counts nothing.
final class ScorePlan: Sendable {
    /// One component.
    struct Component: Sendable {
        /// The fact's slot.
        let factSlot: Int
        /// Its points by ordinal, in `ScorePlan.points`.
        let points: Range<Int>
        /// The lowest points of any option.
        let minimum: Int
        /// The highest points of any option.
        let maximum: Int
    }

    /// The components.
    let components: [Component]
    /// Every component's points by ordinal, concatenated.
    let points: [Int]
    /// Each band's lowest and highest total, in order.
    let bandLower: [Int]
    let bandUpper: [Int]
    /// The slot of the total.
    let totalSlot: Int
    /// The slot of the band.
    let bandSlot: Int
    /// The band enum.
    let bandType: EnumType

    init(_ score: CompiledScore) {
        var points: [Int] = []
        components = score.components.map { component in
            let start = points.count
            points.append(contentsOf: component.points)
            return Component(
                factSlot: component.factSlot, points: start..<points.count, minimum: component.minimum,
                maximum: component.maximum)
        }
        self.points = points
        bandLower = score.declaration.bands.map(\.lower)
        bandUpper = score.declaration.bands.map(\.upper)
        totalSlot = score.totalSlot
        bandSlot = score.bandSlot
        bandType = score.bandType
    }

    /// The points the value at `value` earns in `component` (as `CompiledScore.Component.points(for:)`): nil
    /// when it is unknown or not one of the options.
    ///
    /// Reads the value in place.
    @inline(__always)
    func points(_ component: Component, for value: UnsafePointer<Value>) -> Int? {
        let ordinal: Int
        switch value.pointee {
        case .symbol(_, let index): ordinal = index
        case .bool(let flag): ordinal = flag ? 1 : 0
        default: return nil
        }
        guard ordinal >= 0, ordinal < component.points.count else { return nil }
        return points[component.points.lowerBound + ordinal]
    }

    /// The total (a number, or an interval when components are unknown) and the band (unknown unless the whole
    /// interval lies in one band) over the slot values.
    func compute(slots: UnsafeBufferPointer<Value>) -> (total: Value, band: Value) {
        var low = 0
        var high = 0
        for component in components {
            let slot = component.factSlot
            // Never nil: slot < slots.count, so the buffer is not empty; a hot path.
            // swift-format-ignore: NeverForceUnwrap
            if slot >= 0, slot < slots.count, let points = points(component, for: slots.baseAddress! + slot) {
                low += points
                high += points
            } else {
                low += component.minimum
                high += component.maximum
            }
        }
        var band: Value = .unknown
        for index in bandLower.indices where bandLower[index] <= low && high <= bandUpper[index] {
            band = .symbol(bandType, index)
            break
        }
        let total: Value =
            low == high ? .integer(low) : .between(Number(exactly: low) ?? .zero, Number(exactly: high) ?? .zero)
        return (total, band)
    }
}
