import Foundation
import Synchronization
import Testing

@testable import GuidelineWeb

/// Failed logins per name: the limit, the window, a good login, and the bound on names followed.
@Suite struct LoginThrottleTests {
    /// A clock the test moves.
    final class Clock: Sendable {
        let seconds = Mutex<TimeInterval>(0)
        var now: Date { Date(timeIntervalSince1970: seconds.withLock { $0 }) }
        func advance(_ by: TimeInterval) { seconds.withLock { $0 += by } }
    }

    @Test func aNameIsRefusedAfterTheLimitUntilItsOldestFailureLeavesTheWindow() {
        let clock = Clock()
        let throttle = LoginThrottle(limit: 3, window: 60, clock: { clock.now })
        for _ in 0..<3 {
            #expect(throttle.retryAfter("dr-lee") == nil)
            throttle.failed("dr-lee")
            clock.advance(10)
        }
        // Failures at 0, 10 and 20 s; now 30 s: the first leaves the window at 60 s.
        #expect(throttle.retryAfter("dr-lee") == 30)
        #expect(throttle.retryAfter("dr-kim") == nil)
        clock.advance(29)
        #expect(throttle.retryAfter("dr-lee") == 1)
        clock.advance(1)
        #expect(throttle.retryAfter("dr-lee") == nil)
    }

    @Test func aGoodLoginClearsTheFailures() {
        let clock = Clock()
        let throttle = LoginThrottle(limit: 2, window: 60, clock: { clock.now })
        throttle.failed("dr-lee")
        throttle.succeeded("dr-lee")
        throttle.failed("dr-lee")
        #expect(throttle.retryAfter("dr-lee") == nil)
        throttle.failed("dr-lee")
        #expect(throttle.retryAfter("dr-lee") != nil)
    }

    @Test func atMostCapacityNamesAreFollowedTheStalestForgottenFirst() {
        let clock = Clock()
        let throttle = LoginThrottle(limit: 1, window: 600, capacity: 3, clock: { clock.now })
        for name in ["a", "b", "c", "d"] {
            throttle.failed(name)
            clock.advance(1)
        }
        #expect(throttle.retryAfter("a") == nil)  // forgotten: the stalest
        for name in ["b", "c", "d"] { #expect(throttle.retryAfter(name) != nil, "\(name)") }
    }
}
