import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// What the organisation's law asks across incidents (#17): the regimes' settings checked, the
/// deadlines open across the register, and the breach register of GDPR art. 33(5).
struct RegulationActions: Sendable {
    let regulation: RegulationStore
    let actor: ActingPerson
    let now: Date
    let wording: Catalogue

    static func check(_ settings: RegulationSettings) throws -> RegulationSettings {
        try FieldError.check { () throws(FieldError) in try settings.validated() }
    }

    /// An open deadline of the law, with its incident: the dashboard's panel.
    struct OpenDeadline: Sendable {
        let number: String
        let title: String
        let clock: ObligationClock
    }

    /// The open deadlines of the incidents the actor may see (with `involving`, of those they
    /// own or work on), soonest first.
    func openDeadlines(limit: Int, involving person: UUID? = nil) async throws -> [OpenDeadline] {
        guard actor.can(.viewRegister) else { return [] }
        let lines: [RegulationStore.OpenLine]
        if let person {
            lines = try await regulation.open(involving: person, limit: limit)
        } else {
            lines = try await regulation.open(limit: limit)
        }
        guard !lines.isEmpty else { return [] }
        let settings = try await regulation.settings()
        let records = try await regulation.records(of: lines.map(\.incident))
        let deadlines = lines.flatMap { line in
            RegulatoryClocks.clocks(
                settings: settings, assessment: line.assessment, records: records[line.incident] ?? [],
                handledAt: line.resolvedAt
            ).filter(\.isOpen).map { OpenDeadline(number: line.number, title: line.title, clock: $0) }
        }
        return Array(
            deadlines.sorted { ($0.clock.dueAt ?? .distantFuture) < ($1.clock.dueAt ?? .distantFuture) }.prefix(limit))
    }

    /// The breach register: its handlers only.
    func breaches() async throws -> [BreachRegister.Entry] {
        guard actor.can(.viewRegister) else { throw LifecycleError.forbidden(.viewRegister) }
        let settings = try await regulation.settings()
        let lines = try await regulation.breaches()
        let records = try await regulation.records(of: lines.map(\.incident))
        return lines.map { line in
            let own = records[line.incident] ?? []
            return BreachRegister.entry(
                number: line.number, title: line.title, description: line.description, status: line.status,
                assessment: line.assessment,
                clocks: RegulatoryClocks.clocks(
                    settings: settings, assessment: line.assessment, records: own, handledAt: line.resolvedAt),
                records: own)
        }
    }

    /// The breach register as a spreadsheet opens it (`RegisterCSV`), in `language`.
    func breachesCSV(in language: Language) async throws -> String {
        func t(_ key: String, _ arguments: [String] = []) -> String { wording.text(key, language, arguments) }
        var text =
            RegisterCSV.byteOrderMark + RegisterCSV.line(BreachRegister.columns.map { t("breach.column.\($0)") })
        for entry in try await breaches() {
            text += RegisterCSV.line([
                entry.number, entry.title, entry.description, t("status.\(entry.status.rawValue)"),
                RFC3339.format(entry.awareAt),
                entry.data.dataCategories, entry.data.subjectCategories,
                entry.data.approximateSubjects.map(String.init) ?? "",
                entry.data.approximateRecords.map(String.init) ?? "", entry.data.consequences, entry.data.measures,
                entry.withdrawn ? t("breach.withdrawn") : t("assessment.risk.\(entry.data.risk.rawValue)"),
                t(entry.data.encrypted ? "common.yes" : "common.no"),
                outcome(entry.authority, t), outcome(entry.dataSubjects, t),
            ])
        }
        return text
    }

    private func outcome(_ outcome: BreachRegister.Outcome, _ t: (String, [String]) -> String) -> String {
        let name = t("breach.outcome.\(outcome.key)", [])
        switch outcome {
        case .sent(let at): return name + " " + RFC3339.format(at)
        case .notNotified(let at, let reason): return name + " " + RFC3339.format(at) + ": " + reason
        case .open(let due): return due.map { name + " " + RFC3339.format($0) } ?? name
        case .notRequired: return name
        }
    }
}

extension Request {
    var regulationActions: RegulationActions {
        get throws {
            RegulationActions(
                regulation: regulation, actor: try actingPerson, now: now, wording: application.catalogue)
        }
    }
}
