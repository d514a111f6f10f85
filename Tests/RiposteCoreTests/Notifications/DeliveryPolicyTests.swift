import Foundation
import Testing

@testable import RiposteCore

@Suite("Delivery retries")
struct DeliveryPolicyTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("backoff doubles from the base") func doubling() {
        let policy = DeliveryPolicy(base: 10, cap: 3600, maxAttempts: 8)
        #expect(policy.afterFailure(attempt: 1, at: now) == .retry(at: now.addingTimeInterval(10)))
        #expect(policy.afterFailure(attempt: 2, at: now) == .retry(at: now.addingTimeInterval(20)))
        #expect(policy.afterFailure(attempt: 4, at: now) == .retry(at: now.addingTimeInterval(80)))
    }

    @Test("the wait never exceeds the cap") func capped() {
        let policy = DeliveryPolicy(base: 600, cap: 3600, maxAttempts: 100)
        #expect(policy.afterFailure(attempt: 4, at: now) == .retry(at: now.addingTimeInterval(3600)))
        #expect(policy.afterFailure(attempt: 99, at: now) == .retry(at: now.addingTimeInterval(3600)))
    }

    @Test("gives up after the last attempt, not before") func givesUp() {
        let policy = DeliveryPolicy(base: 1, cap: 60, maxAttempts: 3)
        #expect(policy.afterFailure(attempt: 2, at: now) == .retry(at: now.addingTimeInterval(2)))
        #expect(policy.afterFailure(attempt: 3, at: now) == .giveUp)
    }
}
