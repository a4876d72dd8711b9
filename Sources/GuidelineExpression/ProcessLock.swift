import GuidelineDiagnostics

/// A lock guarding a value shared by every thread of the process, built on a pthread mutex (`PThreadMutex`).
///
/// Used instead of `Synchronization.Mutex` on purpose: on Linux `Mutex` waits on futexes the thread sanitizer
/// cannot follow, so a hand-over through it is reported as a data race (CI runs the concurrency tests under
/// TSan). A pthread mutex is intercepted by the sanitizer, so what it guards is checked for real.
final class ProcessLock<State>: @unchecked Sendable {
    private let mutex = PThreadMutex()
    /// Read and written only while `mutex` is held.
    private var state: State

    /// A lock guarding `initial`.
    init(_ initial: State) {
        state = initial
    }

    deinit { mutex.destroy() }

    /// Runs `body` with exclusive access to the guarded state.
    func withLock<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
        try mutex.withLock { try body(&state) }
    }
}
