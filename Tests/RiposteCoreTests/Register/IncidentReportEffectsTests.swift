import Foundation
import Testing

@testable import RiposteCore

@Suite("Filing a report as effects")
struct IncidentReportEffectsTests {
    @Test("the first journal entry keeps the reporter's words, the number, title, channel and type")
    func firstEntry() {
        let report = IncidentReport(
            title: "Messagerie en panne", description: "Plus aucun e-mail depuis 8 h", type: "réseau", channel: .web)
        let effects = report.effects(number: "INC-2026-0007")
        #expect(effects.journal.count == 1)
        let entry = effects.journal[0]
        #expect(entry.kind == .reported)
        #expect(entry.text == "Plus aucun e-mail depuis 8 h")
        #expect(
            entry.details == [
                "number": "INC-2026-0007", "title": "Messagerie en panne", "channel": "web", "type": "réseau",
            ])
        #expect(effects.events.isEmpty && effects.qualification == nil && effects.checklist == nil)
    }

    @Test("a report without a type journals none")
    func withoutType() {
        let effects = IncidentReport(title: "t", description: "d").effects(number: "INC-2026-0001")
        #expect(effects.journal[0].details["type"] == nil)
        #expect(effects.journal[0].details["channel"] == "api")
    }
}
