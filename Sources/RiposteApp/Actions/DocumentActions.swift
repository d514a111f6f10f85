import Fluent
import Foundation
import RiposteCore
import SQLKit
import Vapor

/// Annex 2: reference documents (risk assessment, risk treatment, BCP, CMP, DRP, others),
/// with a link or an uploaded file, and their next review date.
struct DocumentActions: Sendable {
    let database: any Database
    let gate: WriteGate
    let files: FileStore
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

    struct DocumentDTO: Content {
        let id: UUID
        let kind: DocumentKind
        let title: String
        let reference: String?
        let version: String?
        let owner: String?
        let link: String?
        let fileName: String?
        let fileType: DocumentFileType?
        let fileSize: Int?
        let nextReviewOn: String?
        let updatedAt: Date
    }

    func list() async throws -> [DocumentDTO] {
        guard actor.can(.viewRegister) || actor.can(.manageSettings) else {
            throw APIError(LifecycleError.forbidden(.viewRegister))
        }
        return try await database.sql().raw(
            """
            SELECT id, kind, title, reference, version, owner, link, file_name, file_type, file_size, next_review_on, \
            updated_at FROM documents ORDER BY kind, title
            """
        ).all().map { row in
            DocumentDTO(
                id: try row.decode(column: "id", as: UUID.self),
                kind: DocumentKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .other,
                title: try row.decode(column: "title", as: String.self),
                reference: try row.decode(column: "reference", as: String?.self),
                version: try row.decode(column: "version", as: String?.self),
                owner: try row.decode(column: "owner", as: String?.self),
                link: try row.decode(column: "link", as: String?.self),
                fileName: try row.decode(column: "file_name", as: String?.self),
                fileType: try row.decode(column: "file_type", as: String?.self).flatMap(DocumentFileType.init),
                fileSize: try row.decode(column: "file_size", as: Int?.self),
                nextReviewOn: try row.decode(column: "next_review_on", as: String?.self),
                updatedAt: try row.decode(column: "updated_at", as: Date.self))
        }
    }

    /// Records a document; with a file, the file is checked and kept first.
    @discardableResult
    func create(_ input: Input, file: Upload? = nil) async throws -> UUID {
        // Whatever happens below, the temporary file goes (once kept, it is no longer there).
        defer { file.map { files.discard($0.file) } }
        guard actor.can(.manageSettings) else { throw APIError(LifecycleError.forbidden(.manageSettings)) }
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
        let stored = try file.map { try files.keep($0.file) }
        let id = UUID.random()
        let now = self.now
        do {
            try await gate.transaction(on: database) { tx in
                try await tx.sql().raw(
                    """
                    INSERT INTO documents (id, kind, title, reference, version, owner, link, file_name, file_type, \
                    file_size, stored_name, next_review_on, created_at, updated_at) VALUES (\(bind: id), \
                    \(bind: input.kind.rawValue), \(bind: checked.title), \(bind: checked.reference), \
                    \(bind: checked.version), \(bind: checked.owner), \(bind: checked.link), \
                    \(bind: file.map { DocumentRules.displayName($0.name) }), \(bind: type?.rawValue), \
                    \(bind: file?.file.sniffed.size), \(bind: stored), \(bind: checked.review), \(bind: now), \(bind: now))
                    """
                ).run()
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
        guard actor.can(.manageSettings) else { throw APIError(LifecycleError.forbidden(.manageSettings)) }
        let type = try FieldError.check { () throws(FieldError) in
            try DocumentRules.file(file.file.sniffed, declared: file.declared)
        }
        let sql = try database.sql()
        guard let row = try await sql.raw("SELECT stored_name FROM documents WHERE id = \(bind: id)").first() else {
            throw APIError.notFound("Document")
        }
        let previous = try row.decode(column: "stored_name", as: String?.self)
        let stored = try files.keep(file.file)
        let now = self.now
        do {
            try await gate.transaction(on: database) { tx in
                try await tx.sql().raw(
                    """
                    UPDATE documents SET file_name = \(bind: DocumentRules.displayName(file.name)), \
                    file_type = \(bind: type.rawValue), file_size = \(bind: file.file.sniffed.size), stored_name = \(bind: stored), \
                    updated_at = \(bind: now) WHERE id = \(bind: id)
                    """
                ).run()
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
            throw APIError(LifecycleError.forbidden(.viewRegister))
        }
        guard
            let row = try await database.sql().raw(
                "SELECT stored_name, file_type, file_name FROM documents WHERE id = \(bind: id)"
            ).first(),
            let stored = try row.decode(column: "stored_name", as: String?.self),
            let type = try row.decode(column: "file_type", as: String?.self).flatMap(DocumentFileType.init)
        else { throw APIError.notFound("Document file") }
        return (try files.path(of: stored), type, try row.decode(column: "file_name", as: String?.self) ?? "document")
    }

    func delete(_ id: UUID) async throws {
        guard actor.can(.manageSettings) else { throw APIError(LifecycleError.forbidden(.manageSettings)) }
        let stored = try await gate.transaction(on: database) { tx in
            guard
                let row = try await tx.sql().raw("DELETE FROM documents WHERE id = \(bind: id) RETURNING stored_name")
                    .first()
            else { throw APIError.notFound("Document") }
            return try row.decode(column: "stored_name", as: String?.self)
        }
        if let stored { files.delete(stored) }
    }
}

extension Request {
    var documents: DocumentActions {
        get throws {
            DocumentActions(
                database: db, gate: application.writeGate, files: application.files, actor: try actingPerson, now: now)
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
