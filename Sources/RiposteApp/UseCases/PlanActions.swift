import Fluent
import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// The plan document (#5): the draft Riposte writes from what it knows, published versions,
/// acknowledgements, and the reminders to look at it again.
struct PlanActions: Sendable {
    let database: any Database
    let gate: WriteGate
    let actor: ActingPerson
    let now: Date
    let organisation: OrganisationSettings
    let wording: Catalogue

    struct VersionDTO: Content {
        let number: Int
        let publishedAt: Date
        let publishedBy: String?
        let language: Language
        let content: String?
    }

    struct AcknowledgementsDTO: Content {
        struct Person: Content {
            let id: UUID
            let name: String
            let acknowledgedAt: Date?
        }

        let version: Int?
        let acknowledged: [Person]
        let missing: [Person]
    }

    /// The parts of the plan the organisation writes (#20 point 3), as the draft holds them:
    /// those who read the draft read them (the published plan holds them for everyone).
    func sections() async throws -> [PlanSection: String] {
        guard actor.can(.viewRegister) || actor.can(.manageSettings) else {
            throw LifecycleError.forbidden(.viewRegister)
        }
        return try await PlanStore.sections(on: database.sql())
    }

    /// Writes a section (the administrator, who keeps the plan); the next published version
    /// holds it.
    func setSection(_ section: PlanSection, to text: String) async throws -> String {
        guard actor.can(.manageSettings) else { throw LifecycleError.forbidden(.manageSettings) }
        let checked = try FieldError.check { () throws(FieldError) in try PlanSection.checked(text) }
        try await gate.transaction(on: database) { tx in
            try await PlanStore.setSection(section, to: checked, on: try tx.sql())
        }
        return checked
    }

    /// The plan as it would be published now, in `language`.
    func draft(in language: Language) async throws -> String {
        guard actor.can(.viewRegister) || actor.can(.manageSettings) else {
            throw LifecycleError.forbidden(.viewRegister)
        }
        return PlanDocument.markdown(try await facts(), in: language, wording: wording)
    }

    /// Publishes the next version, in the organisation's language; it is never changed after.
    func publish() async throws -> VersionDTO {
        guard actor.can(.manageSettings) else { throw LifecycleError.forbidden(.manageSettings) }
        let facts = try await facts()
        let (language, author, now, wording) = (organisation.language, actor, self.now, self.wording)
        return try await gate.transaction(on: database) { tx in
            let sql = try tx.sql()
            let last = try await PlanStore.latestNumber(on: sql) ?? 0
            let number = last + 1
            let line = PlanDocument.versionLine(
                number: number, day: now.formatted(.iso8601.year().month().day()), author: author.name, in: language,
                wording: wording)
            let content = PlanDocument.markdown(facts, in: language, wording: wording, versionLine: line)
            try await PlanStore.insert(
                number: number, content: content, language: language, at: now, by: author.id, on: sql)
            return VersionDTO(
                number: number, publishedAt: now, publishedBy: author.name, language: language, content: content)
        }
    }

    func versions() async throws -> [VersionDTO] {
        guard actor.can(.report) else { throw LifecycleError.forbidden(.report) }
        return try await PlanStore.versions(on: database.sql()).map {
            VersionDTO(
                number: $0.number, publishedAt: $0.publishedAt, publishedBy: $0.publishedBy, language: $0.language,
                content: nil)
        }
    }

    /// One version: everyone is to read it (chapter II: all involved know the latest plan),
    /// but its directory of people and contacts only those who may read the directory.
    func version(_ number: Int, directoryNotice: String) async throws -> VersionDTO {
        guard actor.can(.report) else { throw LifecycleError.forbidden(.report) }
        guard let found = try await PlanStore.version(number, on: database.sql()), let content = found.content else {
            throw Refusal.notFound(.planVersion)
        }
        return VersionDTO(
            number: number, publishedAt: found.publishedAt, publishedBy: found.publishedBy, language: found.language,
            content: readsDirectory
                ? content
                : PlanDocument.withoutDirectory(
                    content, notice: directoryNotice,
                    contactsLine: wording.text("plan.document.playbook.contacts", found.language, [])))
    }

    /// Who may read the contact directory (`/contacts`) may read it in the plan too.
    private var readsDirectory: Bool { actor.can(.viewRegister) || actor.can(.manageSettings) }

    func latestNumber() async throws -> Int? {
        try await PlanStore.latestNumber(on: database.sql())
    }

    /// The person acknowledges the latest version (again is harmless).
    @discardableResult
    func acknowledge() async throws -> Int {
        guard let latest = try await latestNumber() else { throw Refusal.notFound(.planVersion) }
        let (user, now) = (actor.id, self.now)
        try await gate.transaction(on: database) { tx in
            let sql = try tx.sql()
            guard try await !PlanStore.hasAcknowledged(latest, person: user, on: sql) else { return }
            try await PlanStore.acknowledge(latest, person: user, at: now, on: sql)
        }
        return latest
    }

    func hasAcknowledgedLatest() async throws -> (latest: Int?, done: Bool) {
        guard let latest = try await latestNumber() else { return (nil, true) }
        let done = try await PlanStore.hasAcknowledged(latest, person: actor.id, on: database.sql())
        return (latest, done)
    }

    /// Who acknowledged the latest version, and who has not yet (administrator).
    func acknowledgements() async throws -> AcknowledgementsDTO {
        guard actor.can(.manageSettings) else { throw LifecycleError.forbidden(.manageSettings) }
        guard let latest = try await latestNumber() else {
            return AcknowledgementsDTO(version: nil, acknowledged: [], missing: [])
        }
        let rows = try await PlanStore.acknowledgements(of: latest, on: database.sql()).map {
            AcknowledgementsDTO.Person(id: $0.id, name: $0.name, acknowledgedAt: $0.at)
        }
        return AcknowledgementsDTO(
            version: latest, acknowledged: rows.filter { $0.acknowledgedAt != nil },
            missing: rows.filter { $0.acknowledgedAt == nil })
    }

    /// Why the plan should be looked at again now.
    func reminders() async throws -> [PlanReminder] {
        let sql = try database.sql()
        let last = try await PlanStore.lastPublication(on: sql)
        return PlanReminder.reasons(
            lastPublishedAt: last.at, incidentsClosedSince: last.closedSince,
            lastExerciseAt: try await PlanStore.lastExerciseAt(on: sql), now: now)
    }

    private func facts() async throws -> PlanDocument.Facts {
        let sql = try database.sql()
        let holders = try await PlanStore.holders(on: sql)
        let preparation = PreparationActions(database: database, gate: gate, actor: actor, now: now)
        let parties = try await preparation.parties()
        let contacts = parties.flatMap { party in
            party.contacts.map { contact in
                PlanDocument.Facts.Contact(
                    party: party.name, role: party.kind == .role ? Role(rawValue: party.name) : nil, rank: contact.rank,
                    name: contact.name,
                    details: [contact.function, contact.email, contact.phone, contact.mobile].compactMap { $0 }
                        .joined(separator: ", "))
            }
        }
        let activities = try await SettingsStore.activities(on: sql).map { (name: $0.name, rto: $0.rto) }
        let records = try await DocumentStore.all(on: sql)
        let documents = records.map { (kind: $0.kind, title: $0.title, version: $0.version) }
        let titles = Dictionary(records.map { ($0.id, $0.title) }) { first, _ in first }
        let partyNames = Dictionary(parties.map { ($0.id, $0.name) }) { first, _ in first }
        let playbooks = try await PlaybookStore.all(on: sql).map { stored in
            let playbook = stored.playbook
            return (
                playbook: playbook, documents: playbook.documents.compactMap { titles[$0] },
                contacts: playbook.contacts.compactMap { partyNames[$0] }
            )
        }
        return PlanDocument.Facts(
            organisation: organisation.name, holders: holders, contacts: contacts,
            sla: try await SettingsStore(database: database, gate: gate).sla(), activities: activities,
            documents: documents, sections: try await PlanStore.sections(on: sql),
            procedures: try await PlaybookStore.procedures(on: sql), playbooks: playbooks,
            means: try await ReportingMeansStore.means(on: sql))
    }
}

extension Request {
    var plan: PlanActions {
        get throws {
            PlanActions(
                database: db, gate: application.writeGate, actor: try actingPerson, now: now,
                organisation: organisation,
                wording: application.catalogue)
        }
    }
}
