#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A pthread mutex in memory of its own, for the few values worked out once and then shared across threads
/// (a scalar's deferred source map, a stored file's text, the enum type registry).
///
/// The owner calls `destroy()` once, in its `deinit`. A pthread mutex rather than `Synchronization.Mutex`: the thread
/// sanitizer follows it on Linux (it cannot see the futexes `Mutex` waits on).
package struct PThreadMutex: @unchecked Sendable {
    private let pointer: UnsafeMutablePointer<pthread_mutex_t>

    /// Creates an unlocked mutex.
    package init() {
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: pthread_mutex_t())
        precondition(pthread_mutex_init(pointer, nil) == 0, "pthread_mutex_init failed")
    }

    /// Frees the mutex; it is not used after.
    package func destroy() {
        pthread_mutex_destroy(pointer)
        pointer.deallocate()
    }

    /// Runs `body` holding the mutex.
    package func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        pthread_mutex_lock(pointer)
        defer { pthread_mutex_unlock(pointer) }
        return try body()
    }
}
