import FluentKit
import FluentSQL

/// Sign-in attempts counted before the password is checked, per account from an address, per
/// account and per address, with when the next one may be made (`SignInThrottle`), in place of
/// the failures that locked an account outright (#13).
package struct CountSignInAttempts: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("sign_in_attempts")
            .field("key", .string, .identifier(auto: false))
            .field("attempts", .int, .required)
            .field("window_started_at", .datetime, .required)
            .field("not_before", .datetime)
            .create()
        try await database.schema("sign_in_failures").delete()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("sign_in_failures")
            .field("key", .string, .identifier(auto: false))
            .field("failures", .int, .required)
            .field("window_started_at", .datetime, .required)
            .field("locked_until", .datetime)
            .create()
        try await database.schema("sign_in_attempts").delete()
    }
}
