import RiposteCore
import RiposteStorage
import Vapor

/// Errors on the pages become a page in the person's language, with the right status;
/// the API keeps its JSON errors.
enum WebErrorPage {
    struct Page: Encodable {
        let page: PageFrame
        let heading: String
        let message: String
        let back: String
        /// The request's id, as in its log lines and `X-Request-Id`: what to quote to whoever runs Riposte.
        let reference: String
    }

    static func isPage(_ request: Request) -> Bool {
        let path = request.url.path
        // Machines read these: their errors are JSON, like the API's.
        return !path.hasPrefix("/api/") && path != "/health" && !path.hasPrefix("/health/") && path != "/metrics"
    }

    static func response(for error: any Error, _ request: Request) async -> Response {
        let (status, message) = answer(to: error, request)
        let heading =
            status == .notFound
            ? "error.heading.notFound" : status == .forbidden ? "error.heading.forbidden" : "error.heading"
        do {
            let page = Page(
                page: try await request.frame(heading), heading: heading, message: message,
                back: (request.auth.has(ActingPerson.self) ? Route.home : .signIn()).url,
                reference: request.requestIdentity)
            let response = try await request.view.render("error", page).encodeResponse(for: request)
            response.status = status
            if status == .serviceUnavailable {
                response.headers.replaceOrAdd(name: .retryAfter, value: String(APIError.retryAfterSeconds))
            }
            return response
        } catch {
            request.logger.report(error: error)
            let response = Response(
                status: status,
                body: .init(string: message + "\n" + request.t("error.reference", request.requestIdentity)))
            response.headers.contentType = .plainText
            if status == .serviceUnavailable {
                response.headers.replaceOrAdd(name: .retryAfter, value: String(APIError.retryAfterSeconds))
            }
            return response
        }
    }

    /// The status and the sentence for `error`; faults are logged, and told as faults.
    private static func answer(to error: any Error, _ request: Request) -> (HTTPResponseStatus, String) {
        if let error = error as? WebError {
            return (error.status, request.t(error.messageKey, error.arguments.joined()))
        }
        if let refusal = APIError.refusing(error) { return (refusal.status, request.message(for: refusal)) }
        switch error {
        case let error as any AbortError where error.status == .notFound:
            return (.notFound, request.t("error.not_found"))
        case let error as any AbortError where error.status.code < 500:
            return (error.status, request.t("error.bad_request"))
        case let error where ServerBusy.matches(error):
            request.logger.warning("answered-503", metadata: ["busy": "\(error)"])
            return (.serviceUnavailable, request.t("error.unavailable"))
        default:
            request.logger.report(error: error)
            return (.internalServerError, request.t("error.internal"))
        }
    }
}
