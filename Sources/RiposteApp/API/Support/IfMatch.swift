import Vapor

/// The incident's version travels as a strong ETag: `"7"`.
enum ETag {
    static func header(for version: Int) -> String { "\"\(version)\"" }

    /// The version a mutation expects, or nil when the client sent no `If-Match`
    /// (or `*`). A value that is no version of ours can never match: 412.
    static func expectedVersion(_ request: Request) throws -> Int? {
        guard let raw = request.headers.first(name: .ifMatch)?.trimmingCharacters(in: .whitespaces) else {
            return nil
        }
        if raw == "*" { return nil }
        var value = Substring(raw)
        if value.hasPrefix("W/") { value = value.dropFirst(2) }
        guard value.count >= 3, value.first == "\"", value.last == "\"",
            let version = Int(value.dropFirst().dropLast())
        else { throw APIError.stale }
        return version
    }
}
