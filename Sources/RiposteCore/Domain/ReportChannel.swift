/// How the report reached the organisation (§4.2: employees, clients, suppliers, monitoring).
public enum ReportChannel: String, CaseIterable, Codable, Sendable {
    case web
    case api
    case phone
    case email
    case client
    case supplier
    case monitoring
    /// The organisation's general public report link (#18 point 1).
    case webPublic = "web-public"
}
