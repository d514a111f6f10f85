import Vapor

/// The incident's version travels as a strong ETag: `"7"`.
enum ETag {
    static func header(for version: Int) -> String { "\"\(version)\"" }

    static let never = -1

    /// The version a mutation expects, or nil when the client sent no `If-Match`
    /// (or `*`). A value that is no version of ours becomes a version no incident has, so
    /// the request fails with 412 at the lock, after its body was checked (422) and the
    /// incident found (404), like any other stale request.
    static func expectedVersion(_ request: Request) throws -> Int? {
        guard let raw = request.headers.first(name: .ifMatch)?.trimmingCharacters(in: .whitespaces) else {
            return nil
        }
        if raw == "*" { return nil }
        var value = Substring(raw)
        if value.hasPrefix("W/") { value = value.dropFirst(2) }
        guard value.count >= 3, value.first == "\"", value.last == "\"",
            let version = Int(value.dropFirst().dropLast())
        else { return Self.never }
        return version
    }
}
