import Foundation

/// A fixed team of threads that run one job together, again and again: the batch's workers.
///
/// The threads are started once per batch and wait between jobs, so a block of cases costs no thread creation.
/// `run` gives the same job to every helper thread and runs it on the calling thread too, each with its member
/// number (so a member can keep its own working state), then waits until all have finished it.
/// (`DispatchQueue.concurrentPerform` was used before; on Linux it ran everything on the calling thread in this
/// setting, so the batch never used the second core.)
final class WorkerThreads: @unchecked Sendable {
    private let helpers: Int
    private let start = Signal()
    private let finished = Signal()
    /// The job of the current round; nil tells the helpers to end.
    ///
    /// Written only while every helper waits.
    private var job: ((Int) -> Void)?

    /// The number of members: the helper threads and the caller of `run`.
    var count: Int { helpers + 1 }

    /// Starts `count - 1` helper threads, members `0..<count - 1` (the caller of `run` is member `count - 1`).
    init(count: Int) {
        helpers = max(0, count - 1)
        for member in 0..<helpers {
            let thread = Thread { [self] in
                while true {
                    start.wait()
                    let ended = runJob(member)
                    finished.signal()
                    if ended { return }
                }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Runs `job` on every thread of the team at once, each with its member number (`0..<count`, one thread per
    /// number for the team's lifetime), and returns when all have finished (so `job` does not escape, and may
    /// use what the caller only lends, like a non-escaping closure).
    func run(_ job: (_ member: Int) -> Void) {
        withoutActuallyEscaping(job) { job in
            self.job = job
            for _ in 0..<helpers { start.signal() }
            job(helpers)
            for _ in 0..<helpers { finished.wait() }
            self.job = nil
        }
    }

    /// Runs the current job; true when there is none (the team is stopping).
    ///
    /// The job is let go before this returns, so `run` sees it unreferenced once every helper has signalled.
    private func runJob(_ member: Int) -> Bool {
        guard let job else { return true }
        job(member)
        return false
    }

    /// Ends the helper threads; call once, when the batch is over.
    func stop() {
        job = nil
        for _ in 0..<helpers { start.signal() }
        for _ in 0..<helpers { finished.wait() }
    }
}

/// A counting semaphore over a pthread condition variable (`NSCondition`), whose hand-over the thread sanitizer
/// follows (it cannot see the futexes `DispatchSemaphore` and `Mutex` wait on under Linux).
private final class Signal: @unchecked Sendable {
    private let condition = NSCondition()
    /// Signals not yet waited for; used only under the condition's lock.
    private var count = 0

    /// Adds one signal and wakes a waiter.
    func signal() {
        condition.lock()
        count += 1
        condition.signal()
        condition.unlock()
    }

    /// Waits for a signal and takes it.
    func wait() {
        condition.lock()
        while count == 0 { condition.wait() }
        count -= 1
        condition.unlock()
    }
}
