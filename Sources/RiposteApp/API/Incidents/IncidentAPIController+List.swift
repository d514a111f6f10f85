import RiposteCore
import RiposteStorage
import Vapor

extension IncidentAPIController {
    /// `GET /incidents`: the register, newest first, filtered, by pages.
    func list(_ req: Request) async throws -> Response {
        let user = try req.actingPerson
        var filter = try Self.filter(from: req)
        if !user.can(.viewRegister) { filter.reporterOnly = user.id }
        if try req.queryParameters.boolean("mine") == true { filter.involving = user.id }
        filter.breached = try req.queryParameters.boolean("breached") ?? false
        filter.openObligations = try req.queryParameters.boolean("openObligations") ?? false
        if try req.queryParameters.boolean("exercises") == true { filter.exercises = .only }
        // The law's side of an incident is its handlers' (a reporter's assessment is 403 too).
        if filter.openObligations, !user.can(.viewRegister) { throw LifecycleError.forbidden(.viewRegister) }
        let (rows, next) = try await IncidentQuery.page(filter, on: try req.registerSQL)
        let page = IncidentPageDTO(items: rows.map(IncidentSummaryDTO.init), nextCursor: next?.token)
        return Response.json(text: page.json)
    }

    /// `GET /incidents/export.csv` and `export.json`: the whole register with the list's
    /// filters, streamed (#16 point 7).
    func export(_ req: Request, as format: RegisterExport.Format) async throws -> Response {
        let user = try req.actingPerson
        // The export holds the handlers' assessment (impact, resources, owner, actions).
        guard user.can(.viewRegister) else { throw LifecycleError.forbidden(.viewRegister) }
        var filter = try Self.filter(from: req, paging: false)
        if try req.queryParameters.boolean("mine") == true { filter.involving = user.id }
        filter.breached = try req.queryParameters.boolean("breached") ?? false
        filter.openObligations = try req.queryParameters.boolean("openObligations") ?? false
        if try req.queryParameters.boolean("exercises") == true { filter.exercises = .only }
        let export = RegisterExport(
            filter: filter, database: try req.registerSQL, language: req.language, wording: req.application.catalogue)
        return Response(
            status: .ok, headers: RegisterExport.headers(format, at: req.now), body: export.body(format))
    }

    static let parameters: Set<String> = [
        "status", "severity", "type", "q", "from", "to", "limit", "cursor", "mine", "breached",
        "openObligations", "exercises",
    ]

    static func filter(from req: Request, paging: Bool = true) throws -> IncidentFilter {
        // A misspelt filter (`?satus=open`) must not silently return the whole register.
        let query = req.queryParameters
        try query.refuseUnknown(paging ? parameters : parameters.subtracting(["limit", "cursor"]))
        // An empty typed parameter (`?to=`) is an error, not an absent one: the API is strict.
        let (criteria, problems) = try RegisterCriteria.read({ try query.value($0) }, date: { DateCoding.parse($1) })
        if let problem = problems.first { throw problem }
        var filter = IncidentFilter(criteria)
        filter.limit = try query.pageLimit()
        if let raw = try query.value("cursor") {
            guard let cursor = IncidentCursor(token: raw) else {
                throw FieldError(field: "cursor", problem: .invalid)
            }
            filter.after = cursor
        }
        return filter
    }
}
