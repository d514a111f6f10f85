import Foundation
import Testing

@testable import RiposteCore

@Suite("Sign-in throttling: progressive delays, never a lock-out")
struct SignInThrottleTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let throttle = SignInThrottle(freeAttempts: 3, window: 600, firstDelay: 2, maxDelay: 60)

    func run(_ count: Int, from record: SignInThrottle.Record? = nil, at time: Date) -> SignInThrottle.Record? {
        var record = record
        for _ in 0..<count {
            guard case .allowed(let next) = throttle.attempt(record, at: time) else { return record }
            record = next
        }
        return record
    }

    @Test("the free attempts go through at once; the one after them waits")
    func freeAttempts() {
        let record = run(2, at: t0)
        guard case .allowed(let third) = throttle.attempt(record, at: t0) else {
            Issue.record("the third attempt is free")
            return
        }
        #expect(third.notBefore == t0.addingTimeInterval(2))
        #expect(throttle.attempt(third, at: t0) == .wait(until: t0.addingTimeInterval(2)))
        #expect(throttle.attempt(third, at: t0.addingTimeInterval(1.9)) == .wait(until: t0.addingTimeInterval(2)))
        if case .wait = throttle.attempt(third, at: t0.addingTimeInterval(2)) {
            Issue.record("after the delay the next attempt goes through")
        }
    }

    @Test("the delay doubles up to its ceiling")
    func doubling() {
        #expect((1...7).map { throttle.delay(after: $0) } == [2, 4, 8, 16, 32, 60, 60])
        #expect(throttle.delay(after: 1_000) == 60)
    }

    @Test("attempts while waiting are refused without making the wait longer")
    func hammering() {
        let record = run(3, at: t0)
        for second in 0..<2 {
            #expect(
                throttle.attempt(record, at: t0.addingTimeInterval(Double(second)))
                    == .wait(until: t0.addingTimeInterval(2)))
        }
    }

    @Test("once the window has passed, counting starts again")
    func window() {
        let record = run(3, at: t0)
        guard case .allowed(let fresh) = throttle.attempt(record, at: t0.addingTimeInterval(600)) else {
            Issue.record("a new window lets the attempt through")
            return
        }
        #expect(fresh.attempts == 1 && fresh.notBefore == nil)
    }

    @Test("attempts counted one after the other never exceed the free ones at one instant")
    func noRacePastTheLimit() {
        var record: SignInThrottle.Record?
        var allowed = 0
        for _ in 0..<9 {
            if case .allowed(let next) = throttle.attempt(record, at: t0) {
                record = next
                allowed += 1
            }
        }
        #expect(allowed == 3)
    }

    @Test("the owner elsewhere waits a minute at most, however long the guessing")
    func ownerNeverLockedOut() {
        let account = SignInThrottle.perAccount
        var record: SignInThrottle.Record?
        var time = t0
        for _ in 0..<200 {
            switch account.attempt(record, at: time) {
            case .allowed(let next): record = next
            case .wait(let until): time = until
            }
        }
        guard case .wait(let until) = account.attempt(record, at: time) else { return }
        #expect(until.timeIntervalSince(time) <= 60)
    }

    @Test("a success gives its attempt back and lifts the delay it alone caused")
    func successGivesBack() throws {
        let record = try #require(run(3, at: t0))
        #expect(record.notBefore != nil)
        let after = throttle.afterSuccess(record)
        #expect(after.attempts == 2 && after.notBefore == nil)
        let many = SignInThrottle.Record(attempts: 7, windowStartedAt: t0, notBefore: t0.addingTimeInterval(9))
        #expect(throttle.afterSuccess(many).notBefore == t0.addingTimeInterval(9), "others' failures still count")
    }
}
