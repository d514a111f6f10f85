import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// `/api/v1/documents`: the reference documents of annex 2.
struct DocumentsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("documents", use: list)
        routes.post("documents", use: create)
        routes.delete("documents", ":documentId", use: delete)
        routes.get("documents", ":documentId", "file", use: download)
        // Files are larger than the API's 64 KiB bodies: up to the documents' limit, checked again.
        routes.on(
            .PUT, "documents", ":documentId", "file",
            body: .stream, use: upload)
    }

    struct PageDTO: Content {
        let items: [DocumentActions.DocumentDTO]
    }

    func list(_ req: Request) async throws -> Response {
        try Response.json(PageDTO(items: try await req.documents.list()))
    }

    func create(_ req: Request) async throws -> Response {
        let documents = try req.documents
        guard documents.actor.can(.manageSettings) else { throw LifecycleError.forbidden(.manageSettings) }
        let body = try req.decodeBody(DocumentActions.Input.self)
        let id = try await documents.create(body)
        let response = try Response.json(try await documents.list().first { $0.id == id }, status: .created)
        response.headers.replaceOrAdd(name: "Location", value: "/api/v1/documents/\(id.uuidString.lowercased())")
        return response
    }

    /// `PUT /documents/{id}/file?name=plan.pdf`: the file as the body, its type in Content-Type.
    func upload(_ req: Request) async throws -> Response {
        let documents = try req.documents
        guard documents.actor.can(.manageSettings) else { throw LifecycleError.forbidden(.manageSettings) }
        guard let id = req.parameters.get("documentId", as: UUID.self) else { throw Refusal.notFound(.document) }
        // Read only now, for someone who may upload, and straight to disk: nobody makes the
        // server hold 10 MB.
        let file = try await req.receiveFile(limit: DocumentRules.maxFileBytes)
        try await documents.attach(
            id,
            file: .init(
                file: file, declared: req.headers.first(name: .contentType), name: req.query[String.self, at: "name"]))
        return try Response.json(try await documents.list().first { $0.id == id })
    }

    func download(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("documentId", as: UUID.self) else { throw Refusal.notFound(.document) }
        return try await req.download(try await req.documents.file(id))
    }

    func delete(_ req: Request) async throws -> HTTPStatus {
        guard let id = req.parameters.get("documentId", as: UUID.self) else {
            guard try req.actingPerson.can(.manageSettings) else {
                throw LifecycleError.forbidden(.manageSettings)
            }
            throw Refusal.notFound(.document)
        }
        try await req.documents.delete(id)
        return .noContent
    }
}

extension Request {
    /// The whole body, written to a temporary file of the store as it arrives; 413 beyond `limit`.
    fileprivate func receiveFile(limit: Int) async throws -> IncomingFile {
        let tooLarge = APIError(.payloadTooLarge, code: "payload_too_large", message: "api.file_too_large")
        if let length = headers.first(name: .contentLength).flatMap(Int.init), length > limit { throw tooLarge }
        let file = try application.files.incoming(limit: limit)
        do {
            try await consumeBody { try file.write($0) }
        } catch {
            application.files.discard(file)
            throw error is IncomingFile.TooLarge ? tooLarge : error
        }
        return file
    }
}
