import Foundation
import RiposteCore
import Testing

@testable import RiposteApp

@Suite("Register pages as JSON")
struct IncidentPageJSONTests {
    static func line(_ index: Int, filled: Bool) -> IncidentSummaryDTO {
        IncidentSummaryDTO(
            id: UUID.random(), number: "INC-2026-\(index)", title: "Panne \"réseau\" \\ étage \(index)\n🚒",
            description: "Tab\there, control \u{1}, slash /", type: filled ? "réseau" : nil,
            severity: filled ? .crisis : nil, status: filled ? .inTreatment : .reported, stage: filled ? 3 : 1,
            channel: .phone, customersAffected: filled, team: filled ? "N2" : nil, reporterId: UUID.random(),
            reportedAt: Date(timeIntervalSince1970: 1_795_000_000.123 + Double(index)),
            detectedAt: filled ? Date(timeIntervalSince1970: 1_794_990_000.5) : nil,
            updatedAt: Date(timeIntervalSince1970: 1_795_000_100.999), version: index, exercise: !filled)
    }

    func object(_ text: String) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary)
    }

    @Test("the hand-written page is the object JSONEncoder writes, with and without optional members")
    func sameObject() throws {
        for page in [
            IncidentPageDTO(items: (0..<5).map { Self.line($0, filled: $0 % 2 == 0) }, nextCursor: "abc"),
            IncidentPageDTO(items: [], nextCursor: nil),
        ] {
            let encoded = String(decoding: try DateCoding.encoder.encode(page), as: UTF8.self)
            #expect(try object(page.json) == object(encoded), "\(page.json)\n\(encoded)")
        }
    }

    @Test("it reads back through the API's decoder")
    func readsBack() throws {
        let page = IncidentPageDTO(items: [Self.line(1, filled: true)], nextCursor: nil)
        let decoded = try DateCoding.decoder.decode(IncidentPageDTO.self, from: Data(page.json.utf8))
        #expect(decoded.items.first?.title == page.items.first?.title)
        #expect(
            decoded.items.first.map { ($0.reportedAt.timeIntervalSince1970 * 1000).rounded() }
                == page.items.first.map { ($0.reportedAt.timeIntervalSince1970 * 1000).rounded() })
        #expect(decoded.nextCursor == nil)
    }
}

@Suite("Incidents as JSON")
struct IncidentJSONTests {
    func object(_ text: String) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary)
    }

    @Test("the hand-written incident is the object JSONEncoder writes, plans and checklist included")
    func sameObject() throws {
        let at = Date(timeIntervalSince1970: 1_795_000_000.25)
        for filled in [true, false] {
            let dto = IncidentDTO(
                summary: IncidentPageJSONTests.line(7, filled: filled), qualifiedAt: filled ? at : nil,
                resolvedAt: nil, closedAt: filled ? at : nil, slaPausedSince: filled ? at : nil,
                slaPausedSeconds: filled ? 90 : 0, expectedRecoveryAt: filled ? at : nil,
                lastStatusReportAt: nil, impactedActivityIds: filled ? [UUID.random(), UUID.random()] : [],
                ownerId: filled ? UUID.random() : nil, impact: filled ? "Tout « le » siège\n" : nil,
                resourcesAllocated: filled ? "2 techniciens" : nil,
                plans: filled
                    ? [
                        PlanDTO(plan: .cmp, involvement: .active, since: at, activeSince: at, closeAgreedAt: nil),
                        PlanDTO(plan: .bcp, involvement: .active, since: at, activeSince: at, closeAgreedAt: at),
                        PlanDTO(plan: .drp, involvement: .warned, since: at, activeSince: nil, closeAgreedAt: nil),
                    ] : [],
                checklist: filled
                    ? [
                        ChecklistItemDTO(
                            id: UUID.random(), key: "major.1", severity: .major, step: 1, text: "Alerter « N2 »",
                            role: .incidentManager, origin: "template", done: true, doneBy: UUID.random(), doneAt: at),
                        ChecklistItemDTO(
                            id: UUID.random(), key: "playbook.x.y", severity: nil, step: 1, text: "x", role: nil,
                            origin: "playbook", done: false, doneBy: nil, doneAt: nil),
                    ] : [],
                exerciseChannels: filled ? [.messages, .webhooks] : nil)
            let encoded = String(decoding: try DateCoding.encoder.encode(dto), as: UTF8.self)
            #expect(try object(dto.json) == object(encoded), "\(dto.json)\n\(encoded)")
        }
    }
}
