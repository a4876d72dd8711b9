import Foundation
import Testing

@testable import GuidelineExpression

/// Enum types are interned in a process-wide registry; rulesets are compiled on several threads at once.
@Suite struct EnumTypeConcurrencyTests {
    /// Threads racing to create the same enum types get one object per distinct content, and the names,
    /// values and ordinals each thread sees are the ones it asked for. The name matches the CI filter, so this
    /// also runs under the thread sanitizer, which checks the registry's lock.
    @Test func concurrentCreationInternsOneTypePerContent() async {
        let threads = 8
        let kinds = 50
        let token = UUID().uuidString  // content no other test creates, so every task races on first creation
        let results = await withTaskGroup(of: [EnumType].self) { group in
            for _ in 0..<threads {
                group.addTask {
                    (0..<kinds).map { kind in
                        let values = (0...kind % 5).map { "v\($0)" }
                        return EnumType(name: "race.\(token).\(kind)", values: values, ordered: kind.isMultiple(of: 2))
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == threads)
        for thread in 1..<threads {
            #expect(results[thread] == results[0])
        }
        let distinct = Set(results.flatMap { $0 })
        #expect(distinct.count == kinds)
        for (kind, type) in results[0].enumerated() {
            #expect(type.name == "race.\(token).\(kind)")
            #expect(type.ordered == kind.isMultiple(of: 2))
            #expect(type.values.count == kind % 5 + 1)
            #expect(type.ordinal(of: "v\(kind % 5)") == kind % 5)
        }
    }
}
