import Fluent
import RiposteCore
import Vapor

/// `/api/v1/incidents`: one file per flow, this one only registers them.
struct IncidentAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let incidents = routes.grouped("incidents")
        incidents.post(use: report)
        incidents.get(use: list)
        incidents.get(":id", use: show)
        incidents.post(":id", "qualify", use: qualify)
        incidents.post(":id", "transitions", use: transition)
        incidents.post(":id", "journal", use: addJournalEntry)
        incidents.get(":id", "journal", use: journal)
        incidents.post(":id", "checklist", ":itemId", "done", use: completeChecklistItem)
        incidents.post(":id", "clock", use: changeClock)
        incidents.post(":id", "status-reports", use: addStatusReport)
        incidents.post(":id", "plans", ":plan", use: changePlan)
        incidents.get(":id", "deliveries", use: deliveries)
        incidents.post(":id", "communications", use: addCommunication)
        incidents.get(":id", "communications", use: communications)
        incidents.post(":id", "parties", use: linkParty)
        incidents.get(":id", "parties", use: parties)
        incidents.get(":id", "review", use: review)
        incidents.put(":id", "review", use: saveReview)
    }
}

extension Request {
    static let maxBodyBytes = 64 * 1024

    /// Decodes a JSON body with the API's date rules; errors become 400/422.
    func decodeBody<T: Decodable>(_ type: T.Type) throws -> T {
        guard let contentType = headers.contentType, contentType == .json || contentType.subType == "json" else {
            throw APIError(
                .unsupportedMediaType, code: "unsupported_media_type",
                message: "Send JSON (Content-Type: application/json).")
        }
        guard let buffer = body.data else {
            throw APIError(.badRequest, code: "malformed_json", message: "The request body is empty.")
        }
        // The router enforces this while streaming; a body handed over whole is held to it here.
        if buffer.readableBytes > Self.maxBodyBytes {
            throw APIError(.payloadTooLarge, code: "payload_too_large", message: "The request body is too large.")
        }
        return try DateCoding.decoder.decode(T.self, from: buffer)
    }

    func incidentReference() throws -> String {
        guard let reference = parameters.get("id") else { throw APIError.notFound("Incident") }
        return reference
    }
}

extension FieldError {
    /// Lets validation code `try` a core rule and surface it as an API error.
    static func check<T>(_ body: () throws(FieldError) -> T) throws -> T {
        do { return try body() } catch { throw APIError(error) }
    }
}

extension Result where Failure == LifecycleError {
    /// The core's verdict, or the API error that explains it.
    func orThrow() throws -> Success {
        switch self {
        case .success(let value): return value
        case .failure(let error): throw APIError(error)
        }
    }
}
