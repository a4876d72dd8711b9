import Foundation
@testable import GuidelineTool
import Synchronization
import Testing

/// The batch's team of worker threads: every member runs each job, on threads of its own, round after round.
@Suite struct WorkerThreadsParallelTests {
    /// What the members of one round record, shared through one object (as the batch shares its progress).
    final class Tally: @unchecked Sendable {
        /// Under `lock` (a pthread mutex, which the thread sanitizer follows; `Mutex` waits on futexes it cannot see).
        private let lock = NSLock()
        private var seen = Set<ObjectIdentifier>()
        let runs = Atomic<Int>(0)
        let arrived = Atomic<Int>(0)

        func note(_ thread: ObjectIdentifier) {
            lock.lock()
            seen.insert(thread)
            lock.unlock()
        }

        var threads: Set<ObjectIdentifier> {
            lock.lock()
            defer { lock.unlock() }
            return seen
        }
    }

    /// Each round runs the job once per member, and the members are distinct threads (the batch used to ask
    /// `concurrentPerform` for two threads and got one).
    @Test func everyMemberRunsEachRoundOnItsOwnThread() {
        let team = WorkerThreads(count: 3)
        defer { team.stop() }
        for round in 0..<20 {
            let tally = Tally()
            // Members wait for each other inside the job: this only finishes if all three run at once.
            team.run {
                tally.note(ObjectIdentifier(Thread.current))
                tally.runs.add(1, ordering: .relaxed)
                tally.arrived.add(1, ordering: .sequentiallyConsistent)
                while tally.arrived.load(ordering: .sequentiallyConsistent) < 3 { sched_yield() }
            }
            #expect(tally.runs.load(ordering: .relaxed) == 3, "round \(round)")
            #expect(tally.threads.count == 3, "round \(round)")
        }
    }

    /// A team of one is the calling thread alone.
    @Test func aTeamOfOneRunsOnTheCaller() {
        let team = WorkerThreads(count: 1)
        defer { team.stop() }
        let caller = ObjectIdentifier(Thread.current)
        let tally = Tally()
        team.run { tally.note(ObjectIdentifier(Thread.current)) }
        #expect(tally.threads == [caller])
    }
}
