import Foundation
import RiposteCore
import SQLKit

/// A reference document of annex 2, as stored (its file is in the `FileStore`).
package struct DocumentRecord: Codable, Sendable {
    package let id: UUID
    package let kind: DocumentKind
    package let title: String
    package let reference: String?
    package let version: String?
    package let owner: String?
    package let link: String?
    package let fileName: String?
    package let fileType: DocumentFileType?
    package let fileSize: Int?
    package let nextReviewOn: String?
    package let updatedAt: Date

    package init(
        id: UUID, kind: DocumentKind, title: String, reference: String?, version: String?, owner: String?,
        link: String?, fileName: String?, fileType: DocumentFileType?, fileSize: Int?, nextReviewOn: String?,
        updatedAt: Date
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.reference = reference
        self.version = version
        self.owner = owner
        self.link = link
        self.fileName = fileName
        self.fileType = fileType
        self.fileSize = fileSize
        self.nextReviewOn = nextReviewOn
        self.updatedAt = updatedAt
    }
}

/// The reference documents' rows: what they are, and under which name their file is kept.
package enum DocumentStore {
    /// A stored file: the name the file store keeps it under, its type, and the name to offer.
    package struct StoredFile: Sendable {
        package let storedName: String
        package let type: DocumentFileType
        package let name: String

        package init(storedName: String, type: DocumentFileType, name: String) {
            self.storedName = storedName
            self.type = type
            self.name = name
        }
    }

    package static func all(on sql: any SQLDatabase) async throws -> [DocumentRecord] {
        try await sql.raw(
            """
            SELECT id, kind, title, reference, version, owner, link, file_name, file_type, file_size, next_review_on, \
            updated_at FROM documents ORDER BY kind, title
            """
        ).all().map { row in
            DocumentRecord(
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

    package static func insert(_ document: DocumentRecord, storedName: String?, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            INSERT INTO documents (id, kind, title, reference, version, owner, link, file_name, file_type, \
            file_size, stored_name, next_review_on, created_at, updated_at) VALUES (\(bind: document.id), \
            \(bind: document.kind.rawValue), \(bind: document.title), \(bind: document.reference), \
            \(bind: document.version), \(bind: document.owner), \(bind: document.link), \
            \(bind: document.fileName), \(bind: document.fileType?.rawValue), \(bind: document.fileSize), \
            \(bind: storedName), \(bind: document.nextReviewOn), \(bind: document.updatedAt), \
            \(bind: document.updatedAt))
            """
        ).run()
    }

    /// The name a document's file is kept under: nil for no such document, `.some(nil)` for a
    /// document without a file.
    package static func storedName(of id: UUID, on sql: any SQLDatabase) async throws -> String?? {
        guard let row = try await sql.raw("SELECT stored_name FROM documents WHERE id = \(bind: id)").first() else {
            return nil
        }
        return .some(try row.decode(column: "stored_name", as: String?.self))
    }

    package static func setFile(
        of id: UUID, name: String, type: DocumentFileType, size: Int, storedName: String, at now: Date,
        on sql: any SQLDatabase
    ) async throws {
        try await sql.raw(
            """
            UPDATE documents SET file_name = \(bind: name), file_type = \(bind: type.rawValue), \
            file_size = \(bind: size), stored_name = \(bind: storedName), updated_at = \(bind: now) \
            WHERE id = \(bind: id)
            """
        ).run()
    }

    package static func file(of id: UUID, on sql: any SQLDatabase) async throws -> StoredFile? {
        guard
            let row = try await sql.raw(
                "SELECT stored_name, file_type, file_name FROM documents WHERE id = \(bind: id)"
            ).first(),
            let stored = try row.decode(column: "stored_name", as: String?.self),
            let type = try row.decode(column: "file_type", as: String?.self).flatMap(DocumentFileType.init)
        else { return nil }
        return StoredFile(
            storedName: stored, type: type, name: try row.decode(column: "file_name", as: String?.self) ?? "document")
    }

    /// Deletes a document; its file's stored name if it had one, nil for no such document.
    package static func delete(_ id: UUID, on sql: any SQLDatabase) async throws -> String?? {
        guard
            let row = try await sql.raw("DELETE FROM documents WHERE id = \(bind: id) RETURNING stored_name").first()
        else { return nil }
        return .some(try row.decode(column: "stored_name", as: String?.self))
    }
}
