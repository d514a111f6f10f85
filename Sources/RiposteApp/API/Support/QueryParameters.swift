import RiposteCore
import Vapor

/// A URL's query parameters, read once. Through Vapor each `req.query[…, at:]` parsed the
/// whole query again, nine times for one register page.
struct QueryParameters {
    /// Every name, in order, repeated ones included.
    let names: [String]
    /// Each name's value; the last one when a name repeats, as Vapor decodes it. A value
    /// whose percent-encoding is broken is kept as nil, and refused when asked for.
    private let values: [String: String?]

    init(_ query: String?) {
        var names: [String] = []
        var values: [String: String?] = [:]
        if let query, !query.isEmpty {
            for pair in query.split(separator: "&", omittingEmptySubsequences: false) {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = Self.decode(parts[0]) ?? String(parts[0])
                names.append(name)
                values[name] = parts.count > 1 ? Self.decode(parts[1]) : ""
            }
        }
        self.names = names
        self.values = values
    }

    private static func decode(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// The parameter's text; nil when it is absent.
    func value(_ name: String) throws -> String? {
        guard let value = values[name] else { return nil }
        guard let value else { throw FieldError(field: name, problem: .invalid) }
        return value
    }

    /// A misspelt parameter must not be silently ignored: the API is strict.
    func refuseUnknown(_ allowed: Set<String>) throws {
        for name in names where !allowed.contains(name) {
            throw APIError.invalidParameter(name)
        }
    }

    /// `limit`, between 1 and the page maximum; the default when absent.
    func pageLimit() throws -> Int {
        guard let raw = try value("limit") else { return FieldLimits.pageSizeDefault }
        guard let limit = Int(raw) else { throw FieldError(field: "limit", problem: .invalid) }
        guard (1...FieldLimits.pageSizeMax).contains(limit) else {
            throw FieldError(field: "limit", problem: .outOfRange, limit: FieldLimits.pageSizeMax)
        }
        return limit
    }

    /// `true` or `false`, nothing else.
    func boolean(_ name: String) throws -> Bool? {
        switch try value(name) {
        case nil: return nil
        case "true": return true
        case "false": return false
        default: throw FieldError(field: name, problem: .invalid)
        }
    }
}

extension Request {
    var queryParameters: QueryParameters { QueryParameters(url.query) }
}
