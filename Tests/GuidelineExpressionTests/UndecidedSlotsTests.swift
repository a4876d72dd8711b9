import Testing

@testable import GuidelineExpression

/// `ExpressionBlock.undecidedSlots` (the untraced walk's answer to "which slots left this undecided") is what
/// `Explanation.undecidedSlots` reads from a full trace, on seeded random rule-shaped conditions over slot values
/// including unknowns, intervals, values of the wrong type and missing slots; it answers exactly where the walk
/// decides the expression, and refuses (nil) a buffer too small rather than answering wrong.
@Suite struct UndecidedSlotsTests {
    /// The walk's slots for expression `index`, deduplicated and sorted; nil when it gives none.
    static func walked(_ block: ExpressionBlock, _ index: Int, _ slots: [Value], capacity: Int) -> [Int]? {
        var found = [Int32](repeating: -1, count: capacity)
        let count = slots.withUnsafeBufferPointer { slots in
            found.withUnsafeMutableBufferPointer { block.undecidedSlots(index, slots: slots, into: $0) }
        }
        return count.map { Set(found[0..<$0].map(Int.init)).sorted() }
    }

    /// The trace's slots (`Explanation.undecidedSlots`) for expression `index`, inside `slots`, sorted.
    static func traced(_ block: ExpressionBlock, _ checked: CheckedExpression, _ index: Int, _ slots: [Value]) -> [Int]
    {
        let (_, trace) = ExpressionBlockTests.block(block, index, slots, tracing: true, stale: .string("stale"))
        return Explanation.undecidedSlots(checked, trace: trace).filter { $0 < slots.count }.sorted()
    }

    @Test(arguments: [31, 32, 33, 34, 35, 36] as [UInt64])
    func walkFindsTheSlotsTheTraceShows(seed: UInt64) throws {
        var generator = TypedExpressionGenerator(rng: SeededGenerator(seed: seed))
        let texts = (0..<120).map { _ in generator.condition(depth: 4) }
        let (block, checked) = try TruthProgramTests.block(texts)
        var answered = 0
        var nonEmpty = 0
        for slots in TruthProgramTests.slotSets(&generator, count: 24) {
            for (index, expression) in checked.enumerated() {
                let truth = slots.withUnsafeBufferPointer { block.truth(index, slots: $0) }
                let walked = Self.walked(block, index, slots, capacity: block.nodeCount(of: index))
                guard let walked else {
                    #expect(truth == .needsEvaluation, "\(expression.text) over \(slots)")
                    continue
                }
                #expect(truth != .needsEvaluation, "\(expression.text) over \(slots)")
                #expect(walked == Self.traced(block, expression, index, slots), "\(expression.text) over \(slots)")
                if truth != .neither { #expect(walked.isEmpty, "a decided expression has no undecided slots") }
                answered += 1
                if !walked.isEmpty { nonEmpty += 1 }
            }
        }
        // Both answers occurred, many times.
        #expect(answered > 1000 && nonEmpty > 100, "\(answered) answered, \(nonEmpty) with slots")
    }

    /// Rule-shaped conditions with known answers: only the undecided side of a chain counts, a decided
    /// comparison hides its interval operand, and a decided root has none.
    @Test func examples() throws {
        let (block, _) = try TruthProgramTests.block([
            "p.flag and p.other", "p.flag or p.other", "p.count in 10..12 and p.flag", "known(p.flag) or p.other",
        ])
        let symbols = TypedExpressionGenerator.symbols
        var slots = [Value](repeating: .unknown, count: symbols.names.count)
        func slot(_ name: String) throws -> Int { try #require(symbols.lookup(name)?.slot) }
        slots[try slot("p.flag")] = .bool(true)
        // true and unknown: only p.other.
        #expect(Self.walked(block, 0, slots, capacity: 8) == [try slot("p.other")])
        // true or unknown: decided.
        #expect(Self.walked(block, 1, slots, capacity: 8) == [])
        // An interval inside the range decides the membership: nothing missing.
        slots[try slot("p.count")] = .interval(lo: Number(exactly: 10)!, hi: Number(exactly: 11)!)
        #expect(Self.walked(block, 2, slots, capacity: 8) == [])
        // One that straddles it leaves p.count undecided.
        slots[try slot("p.count")] = .interval(lo: Number(exactly: 9)!, hi: Number(exactly: 11)!)
        #expect(Self.walked(block, 2, slots, capacity: 8) == [try slot("p.count")])
        // Too small a buffer for what is found: no answer rather than a wrong one.
        slots[try slot("p.flag")] = .unknown
        #expect(Self.walked(block, 2, slots, capacity: 1) == nil)
        #expect(Self.walked(block, 2, slots, capacity: 2) == [try slot("p.flag"), try slot("p.count")].sorted())
        // `known` is always decided: false here, so only p.other counts.
        #expect(Self.walked(block, 3, slots, capacity: 8) == [try slot("p.other")])
    }
}
