import GuidelineDiagnostics
import Testing

@testable import GuidelineExpression

/// The node-order evaluator (`ExpressionBlock`) and the fast paths of comparisons give what the general,
/// recursive evaluator gives: the same value or error and, when tracing, the same value of every node, whatever
/// the node buffer held before. Seeded random well-typed expressions and slot values.
@Suite struct ExpressionBlockTests {
    /// The recursive evaluator's answer: the value or error, and the trace over a buffer of unknowns.
    static func reference(_ checked: CheckedExpression, _ slots: [Value]) -> (Result<Value, EvaluationError>, [Value]) {
        var trace = [Value](repeating: .unknown, count: checked.nodeCount)
        let result: Result<Value, EvaluationError> = slots.withUnsafeBufferPointer { slots in
            trace.withUnsafeMutableBufferPointer { trace in
                do throws(EvaluationError) {
                    return .success(try ExpressionEvaluator.evaluate(checked, slots: slots, recordingInto: trace))
                } catch {
                    return .failure(error)
                }
            }
        }
        return (result, trace)
    }

    /// The block's answer for expression `index`, over a node buffer first filled with `stale`.
    static func block(
        _ block: ExpressionBlock, _ index: Int, _ slots: [Value], tracing: Bool, stale: Value
    )
        -> (Result<Value, EvaluationError>, [Value])
    {
        var nodes = [Value](repeating: stale, count: block.nodeCount(of: index) + 2)
        let result: Result<Value, EvaluationError> = slots.withUnsafeBufferPointer { slots in
            nodes.withUnsafeMutableBufferPointer { nodes in
                do throws(EvaluationError) {
                    return .success(try block.evaluate(index, slots: slots, nodes: nodes, tracing: tracing))
                } catch {
                    return .failure(error)
                }
            }
        }
        return (result, Array(nodes.prefix(block.nodeCount(of: index))))
    }

    static func untraced(_ checked: CheckedExpression, _ slots: [Value]) -> Result<Value, EvaluationError> {
        do throws(EvaluationError) { return .success(try ExpressionEvaluator.evaluate(checked, slots: slots)) } catch {
            return .failure(error)
        }
    }

    /// A truth the walk decided is the untraced value's: that boolean, or (`neither`) some other value and no
    /// error.
    static func expectTruth(
        _ truth: ExpressionBlock.Truth, agreesWith value: Result<Value, EvaluationError>, _ comment: String
    ) {
        switch truth {
        case .true: #expect(value == .success(.bool(true)), "\(comment)")
        case .false: #expect(value == .success(.bool(false)), "\(comment)")
        case .neither:
            #expect(value != .success(.bool(true)) && value != .success(.bool(false)), "\(comment)")
            #expect((try? value.get()) != nil, "\(comment)")
        case .needsEvaluation: break
        }
    }

    /// Checks expressions `texts` (over `symbols`) in one block against the recursive evaluator over `slotSets`;
    /// returns how many are walked without a trace.
    @discardableResult
    static func expectBlockMatches(_ texts: [String], symbols: SymbolTable, slotSets: [[Value]]) throws -> Int {
        var bag = DiagnosticBag()
        let limits = ExpressionLimits(maxLength: 100_000)
        let checked = try texts.map { text in
            try #require(
                CheckedExpression.compile(text, symbols: symbols, limits: limits, diagnostics: &bag), "\(text)")
        }
        let block = ExpressionBlock(checked)
        var walked = 0
        var walkedOut = 0
        defer { #expect(walkedOut < slotSets.count * texts.count, "the walk decides some") }
        for (index, expression) in checked.enumerated() {
            if block.isWalked(index) { walked += 1 }
            #expect(block.runsInNodeOrder(index), "\(expression.text)")
            for (n, slots) in slotSets.enumerated() {
                let stale: [Value] = [.unknown, .string("stale"), .list([.bool(true)]), .bool(false)]
                let (expected, trace) = reference(expression, slots)
                let (traced, nodes) = Self.block(block, index, slots, tracing: true, stale: stale[n % stale.count])
                #expect(traced == expected, "\(expression.text) over \(slots)")
                #expect(nodes == trace, "\(expression.text) over \(slots)")
                let (plain, _) = Self.block(block, index, slots, tracing: false, stale: stale[(n + 1) % stale.count])
                #expect(plain == untraced(expression, slots), "\(expression.text) over \(slots)")
                // Where the walk decides the truth, it is the untraced value's.
                let truth = slots.withUnsafeBufferPointer { block.truth(index, slots: $0) }
                expectTruth(truth, agreesWith: plain, "\(expression.text) over \(slots)")
                if truth == .needsEvaluation { walkedOut += 1 }
            }
        }
        return walked
    }

    @Test(arguments: [11, 12, 13, 14, 15, 16] as [UInt64])
    func blockMatchesRecursiveEvaluator(seed: UInt64) throws {
        var generator = TypedExpressionGenerator(rng: SeededGenerator(seed: seed))
        let texts = (0..<150).map { _ in generator.expression(generator.pick(TypedExpressionGenerator.types), depth: 5)
        }
        let slotSets = (0..<6).map { _ in generator.slots() }
        let walked = try Self.expectBlockMatches(texts, symbols: TypedExpressionGenerator.symbols, slotSets: slotSets)
        // Both paths without a trace are taken: the walk and node order.
        #expect(walked > 10 && walked < texts.count - 10, "\(walked) of \(texts.count) walked")
    }

    /// Membership in a constant range is two comparisons, walked or in node order.
    @Test func constantRangeMembershipMatchesGeneralMembership() throws {
        let texts = [
            "p.count in 1..5", "p.count not in 0..0", "p.wait in 1 wk..3 mo", "p.level in l2..l3",
            "p.ratio not in 0.5..2.25",
        ]
        var generator = TypedExpressionGenerator(rng: SeededGenerator(seed: 99))
        let walked = try Self.expectBlockMatches(
            texts, symbols: TypedExpressionGenerator.symbols, slotSets: (0..<40).map { _ in generator.slots() })
        #expect(walked == texts.count)
        var bag = DiagnosticBag()
        let checked = try #require(
            CheckedExpression.compile(texts[0], symbols: TypedExpressionGenerator.symbols, diagnostics: &bag))
        #expect(ExpressionBlock([checked]).instructions.contains { if case .memberRange = $0 { true } else { false } })
    }

    /// Membership in a constant list of enum values is a bit test; every element value (each ordinal, unknown,
    /// out-of-range ordinals, values of other types) gives what the general membership gives.
    @Test func ordinalSetMembershipMatchesGeneralMembership() throws {
        let e = TypedExpressionGenerator.unordered
        let o = TypedExpressionGenerator.ordered
        let texts = [
            "p.kind in [red, blue]", "p.kind not in [red, blue]", "p.kind in [green]",
            "p.kind not in [red, green, blue]",
            "p.level in [l1, l3, l4]", "p.level not in [l2]", "not (p.kind in [blue, red, blue])",
        ]
        var elements: [Value] = [.unknown, .bool(true), .number(.one), .between(.zero, .one), .string("red")]
        for ordinal in [-1, 0, 1, 2, 3, 4, 63, 64, 65, Int.max, Int.min, 9_223_372_036_854, 9_223_372_036_855] {
            elements += [.symbol(e, ordinal), .symbol(o, ordinal)]
        }
        let slotSets = elements.map { element in
            [Value](repeating: .unknown, count: 8) + [element, element]
        }
        let walked = try Self.expectBlockMatches(texts, symbols: TypedExpressionGenerator.symbols, slotSets: slotSets)
        #expect(walked == texts.count)
        // The lists above are bit sets.
        var bag = DiagnosticBag()
        let checked = try #require(
            CheckedExpression.compile(texts[0], symbols: TypedExpressionGenerator.symbols, diagnostics: &bag))
        let block = ExpressionBlock([checked])
        #expect(block.instructions.contains { if case .memberOrdinals = $0 { true } else { false } })
    }

    /// The direct comparisons of enum values, numbers and quantities agree with the comparison through bounds.
    @Test func fastComparisonsMatchComparisonByBounds() {
        let e = TypedExpressionGenerator.unordered
        let o = TypedExpressionGenerator.ordered
        var values: [Value] = [.unknown, .bool(false), .bool(true), .string("a"), .list([.bool(true)])]
        for ordinal in [
            Int.min, -9_223_372_036_855, -9_223_372_036_854, -1, 0, 1, 2, 9_223_372_036_854, 9_223_372_036_855, Int.max,
        ] {
            values += [.symbol(e, ordinal), .symbol(o, ordinal)]
        }
        for scaled in [-Int64.max, -1_000_000, -1, 0, 1, 999_999, 1_000_000, 2_000_000, Int64.max] {
            let n = Number(scaled: scaled)
            values += [.number(n), .between(n, Number(scaled: scaled / 2 + 7))]
            for unit in Dimension.time.units.prefix(2) + Dimension.dose.units.prefix(1) {
                values.append(.quantity(Quantity(baseValue: n, unit: unit)))
            }
        }
        for op in BinaryOperator.allCases {
            for l in values {
                for r in values {
                    #expect(
                        ThreeValued.compare(op, l, r) == ThreeValued.compareByBounds(op, l, r),
                        "\(l) \(op.rawValue) \(r)")
                }
            }
        }
        #expect(ThreeValued.largestComparableOrdinal == Int(Number.largestWhole))
    }
}
