import Fluent
import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// The procedures the organisation writes (#20 point 2): each severity's checklist and the
/// scenario playbooks. Read by whoever handles incidents; written by the incident manager
/// and the administrator (`Permission.writePlaybooks`). Every change is a new version, which
/// the next published plan holds; incidents keep the steps they were given.
struct PlaybookActions: Sendable {
    let database: any Database
    let gate: WriteGate
    let actor: ActingPerson
    let now: Date
    let wording: Catalogue

    func mayRead() throws {
        guard actor.can(.viewRegister) || actor.can(.writePlaybooks) else {
            throw LifecycleError.forbidden(.viewRegister)
        }
    }

    func mayWrite() throws {
        guard actor.can(.writePlaybooks) else { throw LifecycleError.forbidden(.writePlaybooks) }
    }

    func procedures() async throws -> Procedures {
        try mayRead()
        return try await PlaybookStore.procedures(on: database.sql())
    }

    /// Rewrites the procedures of the severities sent, all or none; the others stay.
    func saveProcedures(_ drafts: [Severity: [StepDraft]], field: (Severity) -> String) async throws -> Procedures {
        try mayWrite()
        var written: [Severity: [ChecklistStep]] = [:]
        for severity in Severity.allCases {
            guard let steps = drafts[severity] else { continue }
            written[severity] = try FieldError.check { () throws(FieldError) in
                try WrittenSteps.procedure(steps, of: severity, field: field(severity), wording: wording)
            }
        }
        let steps = written
        try await gate.transaction(on: database) { tx in try await PlaybookStore.save(steps, on: tx.sql()) }
        return try await PlaybookStore.procedures(on: database.sql())
    }

    func playbooks() async throws -> [PlaybookStore.Stored] {
        try mayRead()
        return try await PlaybookStore.all(on: database.sql())
    }

    func playbook(_ id: UUID) async throws -> PlaybookStore.Stored {
        try mayRead()
        guard let found = try await PlaybookStore.find(id, on: database.sql()) else {
            throw Refusal.notFound(.playbook)
        }
        return found
    }

    /// The playbook to propose for an incident of `type`.
    func proposed(for type: String?) async throws -> Playbook? {
        Playbook.proposed(for: type, among: try await PlaybookStore.all(on: database.sql()).map(\.playbook))
    }

    func create(_ draft: PlaybookDraft) async throws -> PlaybookStore.Stored {
        try mayWrite()
        let id = UUID.random()
        let playbook = try FieldError.check { () throws(FieldError) in try draft.playbook(id: id, version: 1) }
        try await checkLinks(of: playbook)
        let (author, now) = (actor.id, self.now)
        let filed = try await gate.transaction(on: database) { tx in
            try await PlaybookStore.insert(playbook, by: author, at: now, on: tx.sql())
        }
        guard filed else { throw Refusal.alreadyExists(.playbook, field: "name") }
        return PlaybookStore.Stored(playbook: playbook, updatedAt: now)
    }

    /// Writes its next version; `expectedVersion`, when given, must be the one stored (two
    /// people editing it at once: the second is told, nothing is lost).
    func replace(_ id: UUID, with draft: PlaybookDraft, expectedVersion: Int?) async throws -> PlaybookStore.Stored {
        try mayWrite()
        let checked = try FieldError.check { () throws(FieldError) in try draft.playbook(id: id, version: 0) }
        try await checkLinks(of: checked)
        let (author, now) = (actor.id, self.now)
        let version: Int
        do {
            version = try await gate.transaction(on: database) { tx in
                let sql = try tx.sql()
                guard try await !PlaybookStore.nameTaken(checked.name, besides: id, on: sql) else {
                    throw Refusal.alreadyExists(.playbook, field: "name")
                }
                if let written = try await PlaybookStore.update(
                    checked, over: expectedVersion, by: author, at: now, on: sql)
                {
                    return written
                }
                throw try await PlaybookStore.find(id, on: sql) == nil ? Refusal.notFound(.playbook) : Refusal.stale
            }
        } catch  where APIError.refusing(error) == nil {
            // Two renamed to one name at once: the unique index refuses the second.
            if try await PlaybookStore.nameTaken(checked.name, besides: id, on: database.sql()) {
                throw Refusal.alreadyExists(.playbook, field: "name")
            }
            throw error
        }
        var playbook = checked
        playbook.version = version
        return PlaybookStore.Stored(playbook: playbook, updatedAt: now)
    }

    func delete(_ id: UUID) async throws {
        try mayWrite()
        let gone = try await gate.transaction(on: database) { tx in try await PlaybookStore.delete(id, on: tx.sql()) }
        guard gone else { throw Refusal.notFound(.playbook) }
    }

    /// The questions the organisation adds to the post-incident review, retired ones included.
    func reviewQuestions() async throws -> [ExtraQuestion] {
        try mayRead()
        return try await ReviewQuestionStore.questions(on: database.sql())
    }

    /// Replaces the list: reworded, moved, added, or retired when left out (#20 point 3).
    func saveReviewQuestions(_ drafts: [ExtraQuestionDraft], field: String) async throws -> [ExtraQuestion] {
        try mayWrite()
        return try await gate.transaction(on: database) { tx in
            let sql = try tx.sql()
            let current = try await ReviewQuestionStore.questions(on: sql)
            let revised = try FieldError.check { () throws(FieldError) in
                try ExtraQuestions.revised(current, with: drafts, field: field)
            }
            try await ReviewQuestionStore.save(revised, on: sql)
            return revised
        }
    }

    /// Links go to documents of annex 2 and parties of annex 1 that exist.
    private func checkLinks(of playbook: Playbook) async throws {
        let found = try await PlaybookStore.existing(
            documents: playbook.documents, parties: playbook.contacts, on: database.sql())
        if let index = playbook.documents.firstIndex(where: { !found.documents.contains($0) }) {
            throw FieldError(field: "documentIds[\(index)]", problem: .unknown)
        }
        if let index = playbook.contacts.firstIndex(where: { !found.parties.contains($0) }) {
            throw FieldError(field: "contactIds[\(index)]", problem: .unknown)
        }
    }
}

extension Request {
    var playbooks: PlaybookActions {
        get throws {
            PlaybookActions(
                database: db, gate: application.writeGate, actor: try actingPerson, now: now,
                wording: application.catalogue)
        }
    }
}
