import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// `/admin/regulation` (#17 point 1): which regimes the organisation is under, its country, the
/// competent authorities (offered for the country chosen, editable) and the privacy contact.
struct RegulationPageController {
    struct Page: Encodable {
        struct Option: Encodable {
            let code: String
            let selected: Bool
        }

        struct Authority: Encodable {
            let index: Int
            let regimes: [Option]
            let name: String
            let link: String
            let error: String?
        }

        let page: PageFrame
        let nis2: [Option]
        let dora: Bool
        let countries: [Option]
        let authorities: [Authority]
        let privacyContact: String
        let errors: [String: String]
    }

    /// The form: authorities as parallel lists, blank rows dropped; `known` puts back the
    /// country's authorities.
    struct Fields: Content {
        var nis2: String?
        var dora: String?
        var country: String?
        var regime: [String]?
        var name: [String]?
        var link: [String]?
        var privacyContact: String?
        var known: String?
    }

    /// Empty rows offered to add authorities.
    static let blankRows = 2

    func show(_ req: Request) async throws -> Response {
        try Self.requireRight(req)
        return try await render(req, settings: try await req.regulation.settings())
    }

    func save(_ req: Request) async throws -> Response {
        try Self.requireRight(req)
        let fields = try req.content.decode(Fields.self)
        let country = fields.country.flatMap(RegulationSettings.Country.init(rawValue:)) ?? .other
        var authorities: [RegulationSettings.Authority]? = nil
        if fields.known == nil {
            let (regimes, names, links) = (fields.regime ?? [], fields.name ?? [], fields.link ?? [])
            authorities = names.indices.compactMap { index in
                let name = names[index]
                let link = index < links.count ? links[index] : ""
                guard !(name + link).trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
                let regime = index < regimes.count ? Regime(rawValue: regimes[index]) ?? .gdpr : .gdpr
                return .init(regime: regime, name: name, link: link)
            }
        }
        let typed = RegulationSettings(
            nis2: fields.nis2.flatMap(NIS2Entity.init(rawValue:)) ?? .notConcerned, dora: fields.dora == "1",
            country: country, authorities: authorities, privacyContact: fields.privacyContact ?? "")
        do {
            try await req.regulation.save(try RegulationActions.check(typed), at: req.now)
            req.leaveNotice("regulation.saved")
            return req.redirect(to: .regulation)
        } catch {
            guard let refusal = APIError.refusing(error), refusal.status == .unprocessableEntity else { throw error }
            return try await render(
                req, settings: typed, errors: [refusal.field ?? "form": req.message(for: refusal)],
                alert: req.t("form.fix"), status: refusal.status)
        }
    }

    static func requireRight(_ req: Request) throws {
        guard try req.actingPerson.can(.manageSettings) else { throw LifecycleError.forbidden(.manageSettings) }
    }

    private func render(
        _ req: Request, settings: RegulationSettings, errors: [String: String] = [:], alert: String? = nil,
        status: HTTPStatus = .ok
    ) async throws -> Response {
        let rows =
            settings.authorities.map { ($0.regime, $0.name, $0.link) }
            + Array(repeating: (Regime.gdpr, "", ""), count: Self.blankRows)
        let page = Page(
            page: try await req.frame("regulation.title", alert: alert),
            nis2: NIS2Entity.allCases.map { .init(code: $0.rawValue, selected: $0 == settings.nis2) },
            dora: settings.dora,
            countries: RegulationSettings.Country.allCases.map {
                .init(code: $0.rawValue, selected: $0 == settings.country)
            },
            authorities: rows.enumerated().map { index, row in
                Page.Authority(
                    index: index,
                    regimes: Regime.allCases.map { .init(code: $0.rawValue, selected: $0 == row.0) }, name: row.1,
                    link: row.2,
                    error: errors["authorities[\(index)].name"] ?? errors["authorities[\(index)].link"])
            }, privacyContact: settings.privacyContact, errors: errors)
        let response = try await req.view.render("regulation", page).encodeResponse(for: req)
        response.status = status
        return response
    }
}
