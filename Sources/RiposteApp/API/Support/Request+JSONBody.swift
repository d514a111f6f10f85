import Foundation
import RiposteCore
import Vapor

extension Request {
    static let maxBodyBytes = 64 * 1024

    /// Decodes a JSON body with the API's date rules; errors become 400/422.
    func decodeBody<T: Decodable>(_ type: T.Type) throws -> T {
        guard let contentType = headers.contentType, contentType == .json || contentType.subType == "json" else {
            throw APIError.notJSON
        }
        guard let buffer = body.data else {
            throw APIError(.badRequest, code: "malformed_json", message: "api.empty_body")
        }
        // The router enforces this while streaming; a body handed over whole is held to it here.
        if buffer.readableBytes > Self.maxBodyBytes {
            throw APIError.bodyTooLarge
        }
        return try DateCoding.decoder.decode(T.self, from: buffer)
    }

    func incidentReference() throws -> String {
        guard let reference = parameters.get("id") else { throw Refusal.notFound(.incident) }
        return reference
    }
}
