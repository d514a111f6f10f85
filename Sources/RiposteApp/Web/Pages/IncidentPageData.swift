import Foundation
import RiposteCore
import RiposteStorage
import SQLKit

/// What the incident page shows beyond the incident's row, read through the stores in five
/// statements (six with the incident itself, a test counts them): the journal, the checklist
/// and the alerts with their answers for those who handle the incident, the communications,
/// and what surrounds the incident (names, parties, the directory, types). A reporter's page
/// reads only its public side.
struct IncidentPageData: Sendable {
    let chain: [JournalRow]
    let checklist: [ChecklistRow]
    let communications: [IncidentActions.CommunicationDTO]
    let surroundings: IncidentSurroundings
    let alerts: [AlertStore.Row]

    static func load(
        _ incident: IncidentRow, viewer: ActingPerson, staff: Bool, nameParties: Bool, designates: Bool = false,
        on sql: any SQLDatabase
    ) async throws -> IncidentPageData {
        let chain = try await JournalRow.chain(of: incident.id, on: sql)
        let checklist = staff ? try await ChecklistRow.items(of: incident.id, on: sql) : []
        let communications = try await CommunicationStore.all(of: incident.id, on: sql)
        let alerts = staff ? try await AlertStore.of(incident: incident.id, reader: viewer.id, on: sql) : []
        let surroundings = try await IncidentSurroundings.read(
            incident, viewer: viewer.id, withParties: staff, withDirectory: nameParties,
            withHandlers: staff && designates, on: sql)
        return IncidentPageData(
            chain: chain, checklist: checklist,
            communications: staff
                ? communications : IncidentActions.sentTo(surroundings.viewerEmail, among: communications),
            surroundings: surroundings, alerts: alerts)
    }

    /// The journal entries the viewer may read: all for staff, the public ones for a reporter.
    func entries(staff: Bool) -> [JournalRow] {
        staff ? chain : chain.filter { JournalKind(rawValue: $0.kind)?.isPublic == true }
    }
}
