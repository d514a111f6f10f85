import RiposteCore
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
            // English unless the client asks for another language Riposte speaks.
            let language = Language.match(acceptLanguage: request.headers.first(name: .acceptLanguage)) ?? .en
            let message = apiError.message(in: language, wording: request.application.catalogue)
            let body = APIErrorBody(error: .init(code: apiError.code, message: message, field: apiError.field))
            try response.content.encode(body, as: .json)
            if apiError.status == .unauthorized {
                response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer realm=\"riposte\"")
            }
            if apiError.status == .serviceUnavailable {
                response.headers.replaceOrAdd(name: .retryAfter, value: String(APIError.retryAfterSeconds))
            }
            if apiError.status == .tooManyRequests { response.headers.replaceOrAdd(name: .retryAfter, value: "1") }
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
            logger.warning("answered-503", metadata: ["busy": "\(error)"])
            return .unavailable
        default:
            logger.report(error: error)
            return .internalError
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
            let field = path(context.codingPath)
            return APIError(
                .badRequest, code: "invalid_type", message: "api.invalid_type", [field ?? "—"], field: field)
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key]) ?? key.stringValue
            return APIError(FieldError(field: field, problem: .required))
        case .dataCorrupted(let context):
            if let field = path(context.codingPath) {
                return APIError(FieldError(field: field, problem: .invalid))
            }
            return APIError(.badRequest, code: "malformed_json", message: "api.malformed_json")
        @unknown default:
            return APIError(.badRequest, code: "malformed_json", message: "api.unreadable")
        }
    }

    static func translate(abort error: any AbortError) -> APIError {
        switch error.status {
        case .notFound: return APIError(.notFound, code: "not_found", message: "api.no_such_resource")
        case .payloadTooLarge:
            return .bodyTooLarge
        case .unsupportedMediaType:
            return .notJSON
        case .unauthorized: return .unauthorized
        case .methodNotAllowed:
            return APIError(.methodNotAllowed, code: "method_not_allowed", message: "api.method_not_allowed")
        case .badRequest:
            return APIError(.badRequest, code: "malformed_json", message: "api.unreadable_because", [error.reason])
        default:
            return APIError(error.status, code: "internal", message: "api.refused", [String(error.status.code)])
        }
    }
}
