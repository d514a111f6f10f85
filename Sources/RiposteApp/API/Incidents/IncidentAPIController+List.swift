import RiposteCore
import Vapor

extension IncidentAPIController {
    /// `GET /incidents`: the register, newest first, filtered, by pages.
    func list(_ req: Request) async throws -> Response {
        let user = try req.actingPerson
        var filter = try Self.filter(from: req)
        if !user.can(.viewRegister) { filter.reporterOnly = user.id }
        let (rows, next) = try await IncidentQuery.page(filter, on: try req.registerSQL)
        let page = IncidentPageDTO(items: rows.map(\.summary), nextCursor: next?.token)
        return Response.json(text: page.json)
    }

    static let parameters: Set<String> = ["status", "severity", "type", "q", "from", "to", "limit", "cursor"]

    static func filter(from req: Request) throws -> IncidentFilter {
        // A misspelt filter (`?satus=open`) must not silently return the whole register.
        let query = req.queryParameters
        try query.refuseUnknown(parameters)
        var filter = IncidentFilter()
        // An empty typed parameter (`?to=`) is an error, not an absent one: the API is strict.
        func invalid(_ name: String) -> APIError { APIError(FieldError(field: name, problem: .invalid)) }
        if let raw = try query.value("status") {
            guard let status = IncidentStatus(rawValue: raw) else { throw invalid("status") }
            filter.status = status
        }
        if let raw = try query.value("severity") {
            guard let severity = Severity(rawValue: raw) else { throw invalid("severity") }
            filter.severity = severity
        }
        let type = try query.value("type")
        filter.type = try FieldError.check { () throws(FieldError) in
            try TextRule.optional(type, field: "type", max: FieldLimits.type)
        }
        let text = try query.value("q")
        filter.text = try FieldError.check { () throws(FieldError) in
            try TextRule.optional(text, field: "q", max: FieldLimits.searchQuery)
        }
        if let raw = try query.value("from") {
            guard let date = DateCoding.parse(raw) else { throw invalid("from") }
            filter.from = date
        }
        if let raw = try query.value("to") {
            guard let date = DateCoding.parse(raw) else { throw invalid("to") }
            filter.to = date
        }
        filter.limit = try query.pageLimit()
        if let raw = try query.value("cursor") {
            guard let cursor = IncidentCursor(token: raw) else { throw invalid("cursor") }
            filter.after = cursor
        }
        return filter
    }
}
