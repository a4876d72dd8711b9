import GuidelineDiagnostics
import Testing

@testable import GuidelineExpression

/// The truth programs (`TruthProgram`, run by `ExpressionBlock.truth` and `truths`) decide exactly what the
/// recursive walk decides, and agree with the untraced `ExpressionEvaluator`: seeded random conditions of the
/// shapes rules have (chains of `and`/`or`, negations, `known`, comparisons of slots and literals, membership
/// in lists and ranges), over random slot values including unknowns, intervals, values of the wrong type (text,
/// lists, other enums) and slots out of range.
@Suite struct TruthProgramTests {
    /// Compiles `texts` into one block, checking each.
    static func block(_ texts: [String]) throws -> (ExpressionBlock, [CheckedExpression]) {
        var bag = DiagnosticBag()
        let limits = ExpressionLimits(maxLength: 100_000)
        let checked = try texts.map { text in
            try #require(
                CheckedExpression.compile(
                    text, symbols: TypedExpressionGenerator.symbols, limits: limits, diagnostics: &bag), "\(text)")
        }
        return (ExpressionBlock(checked), checked)
    }

    /// Every expression's program against the walk and the evaluator, over every slot set; returns how many
    /// expressions are compiled.
    @discardableResult
    static func expectProgramsMatch(_ texts: [String], slotSets: [[Value]]) throws -> Int {
        let (block, checked) = try block(texts)
        var decided = 0
        for slots in slotSets {
            var all = [ExpressionBlock.Truth](repeating: .needsEvaluation, count: checked.count + 2)
            slots.withUnsafeBufferPointer { slots in
                all.withUnsafeMutableBufferPointer { all in
                    // One run over every expression (and one index out of range at each end).
                    block.truths(-1..<(checked.count + 1), slots: slots, into: all)
                }
            }
            #expect(all.first == .needsEvaluation && all.last == .needsEvaluation)
            for (index, expression) in checked.enumerated() {
                let truth = slots.withUnsafeBufferPointer { block.truth(index, slots: $0) }
                let walked = slots.withUnsafeBufferPointer { block.walkedTruth(index, slots: $0) }
                #expect(truth == walked, "\(expression.text) over \(slots)")
                #expect(all[index + 1] == truth, "\(expression.text) over \(slots)")
                let value = ExpressionBlockTests.untraced(expression, slots)
                ExpressionBlockTests.expectTruth(truth, agreesWith: value, "\(expression.text) over \(slots)")
                if truth != .needsEvaluation { decided += 1 }
                // The untraced value (which takes the program for a walked operation) is the evaluator's.
                let (plain, _) = ExpressionBlockTests.block(
                    block, index, slots, tracing: false, stale: .string("stale"))
                #expect(plain == value, "\(expression.text) over \(slots)")
            }
        }
        #expect(decided > 0)
        return checked.indices.count { block.hasTruthProgram($0) }
    }

    /// Slot values as a case might give them, sometimes of the wrong type, sometimes fewer than the symbols.
    static func slotSets(_ generator: inout TypedExpressionGenerator, count: Int) -> [[Value]] {
        let odd: [Value] = [
            .string("red"), .list([.bool(true)]), .range(.number(.one), .number(.zero)), .between(.zero, .one),
            .bool(true), .number(.one), .symbol(TypedExpressionGenerator.ordered, 2),
            .symbol(TypedExpressionGenerator.unordered, 1),
            .symbol(TypedExpressionGenerator.unordered, 70), .unknown,
        ]
        return (0..<count).map { n in
            var slots = generator.slots()
            if n % 3 == 1 {
                for _ in 0..<Int.random(in: 1...3, using: &generator.rng) {
                    slots[Int.random(in: 0..<slots.count, using: &generator.rng)] = generator.pick(odd)
                }
            }
            if n % 7 == 6 { slots.removeLast(Int.random(in: 1...slots.count, using: &generator.rng)) }
            return slots
        }
    }

    @Test(arguments: [21, 22, 23, 24, 25, 26, 27, 28] as [UInt64])
    func programsMatchWalkAndEvaluator(seed: UInt64) throws {
        var generator = TypedExpressionGenerator(rng: SeededGenerator(seed: seed))
        let texts = (0..<120).map { _ in generator.condition(depth: 4) }
        let compiled = try Self.expectProgramsMatch(texts, slotSets: Self.slotSets(&generator, count: 24))
        #expect(compiled > texts.count / 2, "\(compiled) of \(texts.count) compiled")
    }

    /// Conditions as the bundled rules write them all have programs.
    @Test func ruleShapedConditionsCompile() throws {
        let texts = [
            "p.flag", "not p.flag and p.life < 3 mo", "p.level == l2", "p.kind != red or p.other",
            "p.flag and (p.other or p.level == l3 or p.kind in [red, blue])", "known(p.level)", "not known(p.score)",
            "p.count in 10..12", "p.flag and p.level == l4 and not p.other", "p.dose > 19 Gy", "true",
            "(p.count == 1 and p.dose in 16 Gy..24 Gy) or (p.count == 2 and p.dose == 24 Gy)",
            "not (p.flag or p.other) and known(p.flag and p.other)", "p.kind not in [green] or not (p.ratio >= 0.5)",
        ]
        var generator = TypedExpressionGenerator(rng: SeededGenerator(seed: 7))
        let compiled = try Self.expectProgramsMatch(texts, slotSets: Self.slotSets(&generator, count: 60))
        #expect(compiled == texts.count)
    }

    /// Chains deeper than the stack holds are walked instead, with the same answers.
    @Test func deepNestingFallsBackToTheWalk() throws {
        var text = "p.flag"
        for depth in 0..<40 { text = depth % 2 == 0 ? "p.other and (\(text))" : "p.flag or (\(text))" }
        var generator = TypedExpressionGenerator(rng: SeededGenerator(seed: 8))
        try Self.expectProgramsMatch([text, "p.flag"], slotSets: Self.slotSets(&generator, count: 30))
    }

    /// The combination table is `and`/`or` with a negated leaf, flagging the results that decide a chain (which
    /// finish the expression when the chain is the expression, as the last element always does).
    @Test func combinationTableMatchesThreeValuedLogic() {
        let table = TruthProgram.combinationTable()
        let values: [(UInt8, Value)] = [
            (TruthProgram.isTrue, .bool(true)), (TruthProgram.isFalse, .bool(false)),
            (TruthProgram.isUnknown, .unknown),
        ]
        func value(_ bits: UInt8) -> Value { values.first { $0.0 == bits & 3 }!.1 }
        for mode in TruthProgram.Mode.allCases {
            for negated in [false, true] {
                for (root, last) in [(false, false), (true, false), (true, true)] {
                    let row = TruthProgram.row(mode, negated: negated, root: root, last: last)
                    #expect(TruthProgram.isRoot(row) == root)
                    for (acc, l) in values {
                        for (t, r) in values {
                            let entry = table[Int(row) << 4 | Int(acc) << 2 | Int(t)]
                            let leaf = negated ? value(TruthProgram.not(t)) : r
                            let expected: Value =
                                switch mode {
                                case .set, .firstAnd, .firstOr: leaf
                                case .and: ThreeValued.and(l, leaf)
                                case .or: ThreeValued.or(l, leaf)
                                }
                            #expect(value(entry) == expected)
                            let decides =
                                switch mode {
                                case .set: false
                                case .and, .firstAnd: expected == .bool(false)
                                case .or, .firstOr: expected == .bool(true)
                                }
                            #expect(entry & 12 == (root && (decides || last) ? 8 : decides ? 4 : 0))
                        }
                    }
                }
            }
        }
    }
}

extension TypedExpressionGenerator {
    /// A condition as rules write them: chains of `and`/`or`, `not` and `known` over comparisons of slots with
    /// literals or other slots, membership in lists and ranges, and now and then any boolean expression.
    mutating func condition(depth: Int) -> String {
        if depth <= 0 || chance(3) { return comparison() }
        let d = depth - 1
        switch Int.random(in: 0..<10, using: &rng) {
        case 0: return "not (\(condition(depth: d)))"
        case 1: return "known(\(condition(depth: d)))"
        case 2, 3: return "(\(condition(depth: d))) and (\(condition(depth: d)))"
        case 4, 5: return "(\(condition(depth: d))) or (\(condition(depth: d)))"
        case 6, 7:
            // Unparenthesised chains, mixing `and` and `or` by precedence.
            let items = (0..<Int.random(in: 3...5, using: &rng)).map { _ in comparison() }
            return items.dropFirst().reduce(items[0]) { "\($0) \(pick(["and", "or", "and not"])) \($1)" }
        case 8: return "not \(comparison())"
        default: return expression(.boolean, depth: 2)
        }
    }

    /// One comparison, membership, `known` or boolean leaf.
    mutating func comparison() -> String {
        switch Int.random(in: 0..<9, using: &rng) {
        case 0: return leaf(.boolean)
        case 1: return "known(\(pick(Self.symbols.names)))"
        case 2:
            let e = pick([Self.ordered, Self.unordered])
            let ops = e.ordered ? ["==", "!=", "<", "<=", ">", ">="] : ["==", "!="]
            let name = Self.names(of: .enumeration(e))[0]
            return chance(4) ? "\(pick(e.values)) \(pick(ops)) \(name)" : "\(name) \(pick(ops)) \(pick(e.values))"
        case 3, 4:
            let t = pick([ExpressionType.integer, .decimal, .quantity(.time), .quantity(.dose)])
            return "\(leaf(t)) \(pick(["==", "!=", "<", "<=", ">", ">="])) \(leaf(t))"
        case 5:
            let e = pick([Self.ordered, Self.unordered])
            let items = (0..<Int.random(in: 1...3, using: &rng)).map { _ in pick(e.values) }
            return "\(Self.names(of: .enumeration(e))[0]) \(pick(["in", "not in"])) [\(items.joined(separator: ", "))]"
        case 6:
            let t = pick([ExpressionType.integer, .quantity(.time), .enumeration(Self.ordered)])
            return "\(leaf(t)) \(pick(["in", "not in"])) \(leaf(t))..\(leaf(t))"
        case 7: return "\(pick(Self.names(of: .boolean))) \(pick(["==", "!="])) \(leaf(.boolean))"
        default: return "known(\(comparison()))"
        }
    }
}
