import Foundation
import Synchronization
import Testing

@testable import GuidelineTool

/// The batch's team of worker threads: every member runs each job, on threads of its own, round after round.
@Suite struct WorkerThreadsParallelTests {
    /// What the members of one round record, shared through one object (as the batch shares its progress).
    final class Tally: @unchecked Sendable {
        /// Under `lock` (a pthread mutex, which the thread sanitizer follows; `Mutex` waits on futexes it cannot see).
        private let lock = NSLock()
        private var seen: [(member: Int, thread: ObjectIdentifier)] = []
        let runs = Atomic<Int>(0)
        let arrived = Atomic<Int>(0)

        func note(_ member: Int, _ thread: ObjectIdentifier) {
            lock.lock()
            seen.append((member, thread))
            lock.unlock()
        }

        var threads: Set<ObjectIdentifier> {
            lock.lock()
            defer { lock.unlock() }
            return Set(seen.map(\.thread))
        }

        /// Each member number with the thread it ran on (nil if a number came twice).
        var members: [Int: ObjectIdentifier]? {
            lock.lock()
            defer { lock.unlock() }
            var byMember: [Int: ObjectIdentifier] = [:]
            for (member, thread) in seen {
                guard byMember.updateValue(thread, forKey: member) == nil else { return nil }
            }
            return byMember
        }
    }

    /// Each round runs the job once per member, and the members are distinct threads (the batch used to ask
    /// `concurrentPerform` for two threads and got one); a member number stays on one thread (the batch keeps
    /// per-member working state), and the caller is the last member.
    @Test func everyMemberRunsEachRoundOnItsOwnThread() {
        let team = WorkerThreads(count: 3)
        defer { team.stop() }
        #expect(team.count == 3)
        var threadOfMember: [Int: ObjectIdentifier]?
        for round in 0..<20 {
            let tally = Tally()
            // Members wait for each other inside the job: this only finishes if all three run at once.
            team.run { member in
                tally.note(member, ObjectIdentifier(Thread.current))
                tally.runs.add(1, ordering: .relaxed)
                tally.arrived.add(1, ordering: .sequentiallyConsistent)
                while tally.arrived.load(ordering: .sequentiallyConsistent) < 3 { sched_yield() }
            }
            #expect(tally.runs.load(ordering: .relaxed) == 3, "round \(round)")
            #expect(tally.threads.count == 3, "round \(round)")
            let members = tally.members
            #expect(members.map { Set($0.keys) } == [0, 1, 2], "round \(round)")
            #expect(members?[2] == ObjectIdentifier(Thread.current), "round \(round)")
            if round == 0 { threadOfMember = members } else { #expect(members == threadOfMember, "round \(round)") }
        }
    }

    /// A team of one is the calling thread alone.
    @Test func aTeamOfOneRunsOnTheCaller() {
        let team = WorkerThreads(count: 1)
        defer { team.stop() }
        let caller = ObjectIdentifier(Thread.current)
        let tally = Tally()
        team.run { member in tally.note(member, ObjectIdentifier(Thread.current)) }
        #expect(tally.threads == [caller])
        #expect(tally.members == [0: caller])
    }
}
