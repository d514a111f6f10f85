import Foundation
import RiposteCore
import Testing

@Suite("Session policy: idle and absolute timeouts")
struct SessionPolicyTests {
    let policy = SessionPolicy(idle: 30 * 60, lifetime: 12 * 3600)
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("a session used a moment ago is valid and not written again")
    func fresh() {
        #expect(
            policy.verdict(createdAt: start, lastSeenAt: start, at: start.addingTimeInterval(30))
                == .valid(touch: false))
    }

    @Test("a session last seen more than a minute ago is valid and its time is written")
    func touched() {
        #expect(
            policy.verdict(createdAt: start, lastSeenAt: start, at: start.addingTimeInterval(61)) == .valid(touch: true)
        )
    }

    @Test("thirty minutes without a request end the session")
    func idle() {
        let now = start.addingTimeInterval(30 * 60)
        #expect(policy.verdict(createdAt: start, lastSeenAt: start, at: now) == .expired)
        #expect(
            policy.verdict(createdAt: start, lastSeenAt: start, at: now.addingTimeInterval(-1)) == .valid(touch: true))
    }

    @Test("twelve hours after sign-in the session ends, however busy")
    func absolute() {
        let now = start.addingTimeInterval(12 * 3600)
        #expect(policy.verdict(createdAt: start, lastSeenAt: now.addingTimeInterval(-5), at: now) == .expired)
        #expect(
            policy.verdict(createdAt: start, lastSeenAt: now.addingTimeInterval(-5), at: now.addingTimeInterval(-1))
                == .valid(touch: false))
    }

    @Test("a short idle limit writes the last-seen time often enough to keep it")
    func shortIdle() {
        let short = SessionPolicy(idle: 60, lifetime: 3600)
        #expect(short.touchInterval == 30)
    }

    @Test("purge bounds are the idle and absolute limits counted back from now")
    func purge() {
        let bounds = policy.purgeBounds(at: start)
        #expect(bounds.lastSeenBefore == start.addingTimeInterval(-30 * 60))
        #expect(bounds.createdBefore == start.addingTimeInterval(-12 * 3600))
    }
}
