import Foundation
import RiposteCore
import Vapor

/// Every answer names its request in `X-Request-Id`, the id its log lines carry as
/// `request-id` and an error page shows (#19 point 2), so that a person's "it said error"
/// leads to the lines that say why. The id a proxy of `RIPOSTE_TRUSTED_PROXIES` sends is kept
/// when it is a plain token, so that its lines and Riposte's meet; anyone else's, or anything
/// else (too long, spaces, quotes), is replaced: a client neither writes into the logs nor
/// passes its request off as another's.
struct RequestIdentity: AsyncMiddleware {
    static let longest = 64

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let sent = request.headers.first(name: .xRequestId) != nil
        let fromProxy = request.remoteAddress?.ipAddress.flatMap(IPAddress.init).map {
            request.application.trustedProxies.trusts($0)
        }
        let id = !sent || (fromProxy == true && Self.acceptable(request.id)) ? request.id : UUID().uuidString
        request.requestIdentity = id
        request.logger[metadataKey: "request-id"] = .string(id)
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: .xRequestId, value: id)
        return response
    }

    static func acceptable(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= longest
            && id.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
            }
    }
}

extension Request {
    private struct RequestIdentityKey: StorageKey {
        typealias Value = String
    }

    /// The id of this request as answered in `X-Request-Id` (Vapor's, once checked).
    var requestIdentity: String {
        get { storage[RequestIdentityKey.self] ?? id }
        set { storage[RequestIdentityKey.self] = newValue }
    }
}
