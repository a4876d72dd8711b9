#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A lock guarding a value shared by every thread of the process, built on a pthread mutex.
///
/// Used instead of `Synchronization.Mutex` on purpose: on Linux `Mutex` waits on futexes the thread sanitizer
/// cannot follow, so a hand-over through it is reported as a data race (CI runs the concurrency tests under
/// TSan). A pthread mutex is intercepted by the sanitizer, so what it guards is checked for real.
final class ProcessLock<State>: @unchecked Sendable {
    /// The mutex, at a stable address (a pthread mutex must not move once initialised).
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    /// Read and written only while `mutex` is held.
    private var state: State

    /// A lock guarding `initial`.
    init(_ initial: State) {
        state = initial
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        precondition(pthread_mutex_init(mutex, nil) == 0, "pthread_mutex_init failed")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the guarded state.
    func withLock<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&state)
    }
}
