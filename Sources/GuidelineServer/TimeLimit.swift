/// Runs an operation for at most a number of seconds.
enum TimeLimit {
    /// The operation's value, or nil when it took longer than `seconds` (it is then cancelled).
    static func run<T: Sendable>(seconds: Int, _ operation: @escaping @Sendable () async throws -> T) async throws -> T?
    {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
    }
}
