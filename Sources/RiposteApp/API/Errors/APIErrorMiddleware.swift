import RiposteStorage
import Vapor

/// Turns every error of the API into its JSON error shape, with the right status (errors of
/// the pages become a page: `WebErrorPage`).
/// Internal details are logged, never sent.
struct APIErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            if WebErrorPage.isPage(request) { return await WebErrorPage.response(for: error, request) }
            let apiError = Self.translate(error, logger: request.logger)
            let response = Response(status: apiError.status)
            let body = APIErrorBody(error: .init(code: apiError.code, message: apiError.message, field: apiError.field))
            try response.content.encode(body, as: .json)
            if apiError.status == .unauthorized {
                response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer realm=\"riposte\"")
            }
            if apiError.status == .serviceUnavailable {
                response.headers.replaceOrAdd(name: .retryAfter, value: String(APIError.retryAfterSeconds))
            }
            return response
        }
    }

    static func translate(_ error: any Error, logger: Logger) -> APIError {
        if let refusal = APIError.refusing(error) { return refusal }
        switch error {
        case let error as DecodingError:
            return translate(decoding: error)
        case let error as any AbortError:
            return translate(abort: error)
        case let error where ServerBusy.matches(error):
            logger.warning("answered 503: \(String(describing: error))")
            return .unavailable
        default:
            logger.report(error: error)
            return APIError(.internalServerError, code: "internal", message: "Something went wrong on our side.")
        }
    }

    static func path(_ codingPath: [any CodingKey]) -> String? {
        let path = codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            .joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        return path.isEmpty ? nil : path
    }

    static func translate(decoding error: DecodingError) -> APIError {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return APIError(
                .badRequest, code: "invalid_type", message: "A field has the wrong type.",
                field: path(context.codingPath))
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key]) ?? key.stringValue
            return APIError(.unprocessableEntity, code: "required", message: "\(field) is required.", field: field)
        case .dataCorrupted(let context):
            if let field = path(context.codingPath) {
                return APIError(.unprocessableEntity, code: "invalid", message: "\(field) is not valid.", field: field)
            }
            return APIError(.badRequest, code: "malformed_json", message: "The request body is not valid JSON.")
        @unknown default:
            return APIError(.badRequest, code: "malformed_json", message: "The request body could not be read.")
        }
    }

    static func translate(abort error: any AbortError) -> APIError {
        switch error.status {
        case .notFound: return APIError(.notFound, code: "not_found", message: "No such resource.")
        case .payloadTooLarge:
            return APIError(.payloadTooLarge, code: "payload_too_large", message: "The request body is too large.")
        case .unsupportedMediaType:
            return APIError(
                .unsupportedMediaType, code: "unsupported_media_type",
                message: "Send JSON (Content-Type: application/json).")
        case .unauthorized: return .unauthorized
        case .methodNotAllowed:
            return APIError(.methodNotAllowed, code: "method_not_allowed", message: "Method not allowed.")
        case .badRequest:
            return APIError(
                .badRequest, code: "malformed_json", message: "The request could not be read: \(error.reason)")
        default:
            return APIError(error.status, code: "internal", message: error.reason)
        }
    }
}
