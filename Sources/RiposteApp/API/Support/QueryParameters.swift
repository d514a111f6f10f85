import RiposteCore
import Vapor

extension Request {
    /// A misspelt parameter must not be silently ignored: the API is strict.
    func refuseUnknownQueryParameters(_ allowed: Set<String>) throws {
        for name in Self.queryNames(url.query) where !allowed.contains(name) {
            throw APIError.invalidParameter(name, "Unknown parameter \(name.isEmpty ? "(empty name)" : name).")
        }
    }

    /// `limit`, between 1 and the page maximum; the default when absent.
    func pageLimit() throws -> Int {
        guard let raw = query[String.self, at: "limit"] else { return FieldLimits.pageSizeDefault }
        guard let limit = Int(raw) else { throw APIError(FieldError(field: "limit", problem: .invalid)) }
        guard (1...FieldLimits.pageSizeMax).contains(limit) else {
            throw APIError(FieldError(field: "limit", problem: .outOfRange, limit: FieldLimits.pageSizeMax))
        }
        return limit
    }

    /// `true` or `false`, nothing else.
    func booleanQuery(_ name: String) throws -> Bool? {
        guard let raw = query[String.self, at: name] else { return nil }
        switch raw {
        case "true": return true
        case "false": return false
        default: throw APIError(FieldError(field: name, problem: .invalid))
        }
    }

    static func queryNames(_ query: String?) -> [String] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            let name = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            return String(name).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(name)
        }
    }
}
