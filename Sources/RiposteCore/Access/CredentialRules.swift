/// What a password and an e-mail address must be. Bcrypt reads at most 72 bytes of a
/// password: a longer one would be cut without a word, so it is refused instead.
public enum CredentialRules {
    public static let passwordMinimum = 12
    public static let passwordMaximumBytes = 72

    public static func password(
        _ password: String, confirmation: String? = nil, field: String = "password",
        common: CommonPasswords = .none
    )
        throws(FieldError) -> String
    {
        guard !password.isEmpty else { throw FieldError(field: field, problem: .required) }
        guard password.unicodeScalars.count >= passwordMinimum else {
            throw FieldError(field: field, problem: .outOfRange, limit: passwordMinimum)
        }
        guard password.utf8.count <= passwordMaximumBytes else {
            throw FieldError(field: field, problem: .tooLong, limit: passwordMaximumBytes)
        }
        guard !password.unicodeScalars.contains("\u{0}") else { throw FieldError(field: field, problem: .invalid) }
        guard !common.contains(password) else { throw FieldError(field: field, problem: .tooCommon) }
        if let confirmation, confirmation != password {
            throw FieldError(field: "passwordConfirmation", problem: .invalid)
        }
        return password
    }

    /// A plausible address, lowercased: something@domain.tld, no spaces, within RFC 5321's 254.
    public static func email(_ raw: String, field: String = "email") throws(FieldError) -> String {
        let email = try TextRule.required(raw, field: field, max: FieldLimits.email).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), !email.contains(where: { $0.isWhitespace || $0.isNewline })
        else { throw FieldError(field: field, problem: .invalid) }
        return email
    }
}

/// Passwords guessers try first (a list shipped with the app), refused whatever their length:
/// as typed, in any case, and with digits or symbols merely added at the end
/// (`password1234`, `Azerty2024!`).
public struct CommonPasswords: Sendable {
    private let words: Set<String>

    public static let none = CommonPasswords([])

    public init(_ list: some Sequence<String>) {
        words = Set(list.map { $0.lowercased() }.filter { !$0.isEmpty })
    }

    public func contains(_ password: String) -> Bool {
        let lower = password.lowercased()
        if words.contains(lower) { return true }
        let base = String(lower.reversed().drop { !$0.isLetter }.reversed())
        return base.count >= 6 && base != lower && words.contains(base)
    }
}
