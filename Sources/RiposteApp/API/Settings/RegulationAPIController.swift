import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// `/api/v1/settings/regulation` and `/api/v1/breaches` (#17): the regimes the organisation is
/// under and whom it tells; the breach register of GDPR art. 33(5).
struct RegulationAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("settings", "regulation", use: settings)
        routes.put("settings", "regulation", use: saveSettings)
        routes.get("breaches", use: breaches)
        routes.get("breaches.csv", use: breachesCSV)
    }

    struct SettingsBody: Content {
        let nis2: NIS2Entity
        let dora: Bool
        let country: RegulationSettings.Country
        /// Left out: the country's known authorities.
        let authorities: [RegulationSettings.Authority]?
        let privacyContact: String?
    }

    func settings(_ req: Request) async throws -> Response {
        _ = try req.actingPerson
        return try Response.json(try await req.regulation.settings())
    }

    func saveSettings(_ req: Request) async throws -> Response {
        try SettingsAPIController.requireSettingsRight(try req.actingPerson)
        let body = try req.decodeBody(SettingsBody.self)
        let settings = try RegulationActions.check(
            RegulationSettings(
                nis2: body.nis2, dora: body.dora, country: body.country, authorities: body.authorities,
                privacyContact: body.privacyContact ?? ""))
        try await req.regulation.save(settings, at: req.now)
        return try Response.json(try await req.regulation.settings())
    }

    struct BreachDTO: Content {
        struct Outcome: Content {
            let status: String
            let at: Date?
            let dueAt: Date?
            let reason: String?
        }

        let number: String
        let title: String
        let description: String
        let status: IncidentStatus
        let awareAt: Date
        let personalData: RegulatoryAssessment.PersonalData
        /// Assessed as a breach once, no longer.
        let withdrawn: Bool
        let authority: Outcome
        let dataSubjects: Outcome

        init(_ entry: BreachRegister.Entry) {
            (number, title, description, status, awareAt, personalData, withdrawn) = (
                entry.number, entry.title, entry.description, entry.status, entry.awareAt, entry.data, entry.withdrawn
            )
            (authority, dataSubjects) = (Self.outcome(entry.authority), Self.outcome(entry.dataSubjects))
        }

        static func outcome(_ outcome: BreachRegister.Outcome) -> Outcome {
            switch outcome {
            case .sent(let at): Outcome(status: outcome.key, at: at, dueAt: nil, reason: nil)
            case .notNotified(let at, let reason): Outcome(status: outcome.key, at: at, dueAt: nil, reason: reason)
            case .notRequired: Outcome(status: outcome.key, at: nil, dueAt: nil, reason: nil)
            case .open(let due): Outcome(status: outcome.key, at: nil, dueAt: due, reason: nil)
            }
        }
    }

    struct BreachPageDTO: Content {
        let items: [BreachDTO]
    }

    func breaches(_ req: Request) async throws -> Response {
        let entries = try await req.regulationActions.breaches()
        return try Response.json(BreachPageDTO(items: entries.map(BreachDTO.init)))
    }

    func breachesCSV(_ req: Request) async throws -> Response {
        let actions = try req.regulationActions
        let text = try await actions.breachesCSV(in: req.language)
        let day = String(RFC3339.format(req.now).prefix(10))
        return Response(
            status: .ok,
            headers: [
                "Content-Type": "text/csv; charset=utf-8",
                "Content-Disposition": "attachment; filename=\"breaches-\(day).csv\"", "Cache-Control": "no-store",
            ], body: .init(string: text))
    }
}
