import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// `/breaches`: the breach register of GDPR art. 33(5) (#17 point 5), every incident assessed as
/// involving personal data, notified or not; printable as it is, and as CSV.
struct BreachesPageController {
    struct Page: Encodable {
        struct Line: Encodable {
            let number: String
            let title: String
            let status: String
            let awareAt: String
            let dataCategories: String
            let subjectCategories: String
            let approximateSubjects: String
            let approximateRecords: String
            let consequences: String
            let measures: String
            let risk: String
            let encrypted: Bool
            let withdrawn: Bool
            let description: String
            let authority: String
            let dataSubjects: String
        }

        let page: PageFrame
        let lines: [Line]
    }

    func show(_ req: Request) async throws -> Response {
        let entries = try await req.regulationActions.breaches()
        let lines = entries.map { entry in
            Page.Line(
                number: entry.number, title: entry.title, status: entry.status.rawValue,
                awareAt: req.display(entry.awareAt), dataCategories: entry.data.dataCategories,
                subjectCategories: entry.data.subjectCategories,
                approximateSubjects: entry.data.approximateSubjects.map(String.init) ?? "",
                approximateRecords: entry.data.approximateRecords.map(String.init) ?? "",
                consequences: entry.data.consequences, measures: entry.data.measures, risk: entry.data.risk.rawValue,
                encrypted: entry.data.encrypted, withdrawn: entry.withdrawn, description: entry.description,
                authority: Self.outcome(entry.authority, req),
                dataSubjects: Self.outcome(entry.dataSubjects, req))
        }
        return try await req.view.render(
            "breaches", Page(page: try await req.frame("breaches.title"), lines: lines)
        ).encodeResponse(for: req)
    }

    func export(_ req: Request) async throws -> Response {
        let text = try await req.regulationActions.breachesCSV(in: req.pageLanguage)
        let day = String(RFC3339.format(req.now).prefix(10))
        return Response(
            status: .ok,
            headers: [
                "Content-Type": "text/csv; charset=utf-8",
                "Content-Disposition": "attachment; filename=\"breaches-\(day).csv\"", "Cache-Control": "no-store",
            ], body: .init(string: text))
    }

    static func outcome(_ outcome: BreachRegister.Outcome, _ req: Request) -> String {
        let name = req.t("breach.outcome.\(outcome.key)")
        switch outcome {
        case .sent(let at): return name + " " + req.display(at)
        case .notNotified(let at, let reason): return name + " " + req.display(at) + " : " + reason
        case .open(let due): return due.map { name + " " + req.display($0) } ?? name
        case .notRequired: return name
        }
    }
}
