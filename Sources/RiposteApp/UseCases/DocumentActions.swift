import Fluent
import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// Annex 2: reference documents (risk assessment, risk treatment, BCP, CMP, DRP, others),
/// with a link or an uploaded file, and their next review date.
struct DocumentActions: Sendable {
    let database: any Database
    let gate: WriteGate
    let files: FileStore
    /// Where files are synced to disk, off the event loops.
    let threadPool: NIOThreadPool
    let actor: ActingPerson
    let now: Date

    struct Input: Content {
        var kind: DocumentKind
        var title: String
        var reference: String?
        var version: String?
        var owner: String?
        var link: String?
        var nextReviewOn: String?
    }

    /// A file that has arrived in the store's temporary folder, with what its sender said of it.
    struct Upload: Sendable {
        let file: IncomingFile
        let declared: String?
        let name: String?
    }

    typealias DocumentDTO = DocumentRecord

    func list() async throws -> [DocumentDTO] {
        guard actor.can(.viewRegister) || actor.can(.manageSettings) else {
            throw LifecycleError.forbidden(.viewRegister)
        }
        return try await DocumentStore.all(on: database.sql())
    }

    /// Records a document; with a file, the file is checked and kept first.
    @discardableResult
    func create(_ input: Input, file: Upload? = nil) async throws -> UUID {
        // Whatever happens below, the temporary file goes (once kept, it is no longer there).
        defer { file.map { files.discard($0.file) } }
        guard actor.can(.manageSettings) else { throw LifecycleError.forbidden(.manageSettings) }
        let checked = try FieldError.check { () throws(FieldError) in
            (
                title: try TextRule.required(input.title, field: "title", max: FieldLimits.title),
                reference: try TextRule.optional(input.reference, field: "reference", max: FieldLimits.name),
                version: try TextRule.optional(input.version, field: "version", max: 50),
                owner: try TextRule.optional(input.owner, field: "owner", max: FieldLimits.name),
                link: try DocumentRules.link(input.link),
                review: try DocumentRules.day(input.nextReviewOn, field: "nextReviewOn")
            )
        }
        let type = try file.map { file in
            try FieldError.check { () throws(FieldError) in
                try DocumentRules.file(file.file.sniffed, declared: file.declared)
            }
        }
        let stored: String? =
            if let file { try await files.keep(file.file, on: threadPool) } else { nil }
        let id = UUID.random()
        let now = self.now
        do {
            try await gate.transaction(on: database) { tx in
                try await DocumentStore.insert(
                    DocumentRecord(
                        id: id, kind: input.kind, title: checked.title, reference: checked.reference,
                        version: checked.version, owner: checked.owner, link: checked.link,
                        fileName: file.map { DocumentRules.displayName($0.name) }, fileType: type,
                        fileSize: file?.file.sniffed.size, nextReviewOn: checked.review, updatedAt: now),
                    storedName: stored, on: tx.sql())
            }
        } catch {
            // Nothing acknowledged, nothing kept.
            if let stored { files.delete(stored) }
            throw error
        }
        return id
    }

    /// Attaches (or replaces) a document's file.
    func attach(_ id: UUID, file: Upload) async throws {
        defer { files.discard(file.file) }
        guard actor.can(.manageSettings) else { throw LifecycleError.forbidden(.manageSettings) }
        let type = try FieldError.check { () throws(FieldError) in
            try DocumentRules.file(file.file.sniffed, declared: file.declared)
        }
        guard let previous = try await DocumentStore.storedName(of: id, on: database.sql()) else {
            throw Refusal.notFound(.document)
        }
        let stored = try await files.keep(file.file, on: threadPool)
        let now = self.now
        do {
            try await gate.transaction(on: database) { tx in
                try await DocumentStore.setFile(
                    of: id, name: DocumentRules.displayName(file.name), type: type, size: file.file.sniffed.size,
                    storedName: stored, at: now, on: tx.sql())
            }
        } catch {
            files.delete(stored)
            throw error
        }
        if let previous { files.delete(previous) }
    }

    /// The file to send: where it is kept, its type and name.
    func file(_ id: UUID) async throws -> (path: String, type: DocumentFileType, name: String) {
        guard actor.can(.viewRegister) || actor.can(.manageSettings) else {
            throw LifecycleError.forbidden(.viewRegister)
        }
        guard let file = try await DocumentStore.file(of: id, on: database.sql()) else {
            throw Refusal.notFound(.documentFile)
        }
        return (try files.path(of: file.storedName), file.type, file.name)
    }

    func delete(_ id: UUID) async throws {
        guard actor.can(.manageSettings) else { throw LifecycleError.forbidden(.manageSettings) }
        let stored = try await gate.transaction(on: database) { tx in
            guard let stored = try await DocumentStore.delete(id, on: tx.sql()) else {
                throw Refusal.notFound(.document)
            }
            return stored
        }
        if let stored { files.delete(stored) }
    }
}

extension DocumentRecord: Content {}

extension Request {
    var documents: DocumentActions {
        get throws {
            DocumentActions(
                database: db, gate: application.writeGate, files: application.files, threadPool: application.threadPool,
                actor: try actingPerson, now: now)
        }
    }
}

extension Request {
    /// A stored file, as a download read from disk as it is sent: never shown inline, so never
    /// run by the browser.
    func download(_ file: (path: String, type: DocumentFileType, name: String)) async throws -> Response {
        let response = try await fileio.asyncStreamFile(at: file.path)
        guard response.status == .ok || response.status == .partialContent else { return response }
        response.headers.replaceOrAdd(name: .contentType, value: file.type.mediaType)
        let ascii = file.name.unicodeScalars.map { $0.isASCII && $0.value >= 32 ? String($0) : "_" }.joined()
        let encoded = file.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "document"
        response.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)")
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: "sandbox; default-src 'none'")
        return response
    }
}
