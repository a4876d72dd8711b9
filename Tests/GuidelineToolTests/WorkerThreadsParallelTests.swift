import Foundation
@testable import GuidelineTool
import Synchronization
import Testing

/// The batch's team of worker threads: every member runs each job, on threads of its own, round after round.
@Suite struct WorkerThreadsParallelTests {
    /// Each round runs the job once per member, and the members are distinct threads (the batch used to ask
    /// `concurrentPerform` for two threads and got one).
    @Test func everyMemberRunsEachRoundOnItsOwnThread() {
        let team = WorkerThreads(count: 3)
        defer { team.stop() }
        for round in 0..<20 {
            let threads = Mutex<Set<ObjectIdentifier>>([])
            let runs = Atomic<Int>(0)
            // Members wait for each other inside the job: this only finishes if all three run at once.
            let arrived = Atomic<Int>(0)
            team.run {
                threads.withLock { _ = $0.insert(ObjectIdentifier(Thread.current)) }
                runs.add(1, ordering: .relaxed)
                arrived.add(1, ordering: .sequentiallyConsistent)
                while arrived.load(ordering: .sequentiallyConsistent) < 3 { sched_yield() }
            }
            #expect(runs.load(ordering: .relaxed) == 3, "round \(round)")
            #expect(threads.withLock { $0.count } == 3, "round \(round)")
        }
    }

    /// A team of one is the calling thread alone.
    @Test func aTeamOfOneRunsOnTheCaller() {
        let team = WorkerThreads(count: 1)
        defer { team.stop() }
        let caller = ObjectIdentifier(Thread.current)
        let seen = Mutex<[ObjectIdentifier]>([])
        team.run { seen.withLock { $0.append(ObjectIdentifier(Thread.current)) } }
        #expect(seen.withLock { $0 } == [caller])
    }
}
