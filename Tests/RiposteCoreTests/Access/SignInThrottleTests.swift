import Foundation
import Testing

@testable import RiposteCore

@Suite("Sign-in throttling and credentials")
struct SignInThrottleTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let throttle = SignInThrottle(limit: 3, window: 600, lockout: 900)

    @Test("the limit-th failure locks, not one before") func locksAtTheLimit() {
        var record = throttle.afterFailure(nil, at: t0)
        record = throttle.afterFailure(record, at: t0.addingTimeInterval(1))
        #expect(throttle.lockedUntil(record, at: t0.addingTimeInterval(2)) == nil)
        record = throttle.afterFailure(record, at: t0.addingTimeInterval(2))
        #expect(throttle.lockedUntil(record, at: t0.addingTimeInterval(2)) == t0.addingTimeInterval(902))
    }

    @Test("the lock ends at its time, to the second") func lockEnds() {
        var record: SignInThrottle.Record?
        for _ in 0..<3 { record = throttle.afterFailure(record, at: t0) }
        #expect(throttle.lockedUntil(record, at: t0.addingTimeInterval(899)) != nil)
        #expect(throttle.lockedUntil(record, at: t0.addingTimeInterval(900)) == nil)
        // After the lock, counting starts again.
        let next = throttle.afterFailure(record, at: t0.addingTimeInterval(900))
        #expect(next.failures == 1)
        #expect(next.lockedUntil == nil)
    }

    @Test("failures spread beyond the window do not add up") func window() {
        var record = throttle.afterFailure(nil, at: t0)
        record = throttle.afterFailure(record, at: t0.addingTimeInterval(300))
        record = throttle.afterFailure(record, at: t0.addingTimeInterval(600))
        #expect(record.failures == 1)
        #expect(throttle.lockedUntil(record, at: t0.addingTimeInterval(600)) == nil)
    }

    @Test("passwords: at least 12 code points, at most bcrypt's 72 bytes, confirmed") func passwords() throws {
        #expect(try CredentialRules.password("douze lettres") == "douze lettres")
        #expect(throws: FieldError(field: "password", problem: .outOfRange, limit: 12)) {
            try CredentialRules.password("onze lettre")
        }
        #expect(throws: FieldError(field: "password", problem: .required)) { try CredentialRules.password("") }
        #expect(throws: FieldError(field: "password", problem: .tooLong, limit: 72)) {
            try CredentialRules.password(String(repeating: "é", count: 37))
        }
        #expect(throws: FieldError(field: "passwordConfirmation", problem: .invalid)) {
            try CredentialRules.password("a long passphrase", confirmation: "a long passphrasE")
        }
    }

    @Test("e-mail addresses", arguments: [("Marie@Example.org", "marie@example.org")])
    func emails(raw: String, expected: String) throws {
        #expect(try CredentialRules.email(raw) == expected)
        for bad in ["marie", "@example.org", "marie@", "marie@example", "ma rie@example.org", "a@b@c.d", "marie@.org"] {
            #expect(throws: FieldError.self, "\(bad)") { try CredentialRules.email(bad) }
        }
    }
}
