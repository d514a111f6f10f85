import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp
@testable import RiposteStorage

/// A minimal browser for HTTP-level tests of the pages: keeps its cookies, reads the CSRF
/// token of the last page, posts forms as a browser would.
final class Browser: @unchecked Sendable {
    let t: TestApp
    private let lock = NSLock()
    private var jar: [String: String] = [:]
    private var token: String?
    /// Its cookies by name; tests may send several requests of one browser at once.
    var cookies: [String: String] {
        get { lock.withLock { jar } }
        set { lock.withLock { jar = newValue } }
    }
    var csrf: String? {
        get { lock.withLock { token } }
        set { lock.withLock { token = newValue } }
    }

    /// The `Cookie` header it sends.
    var cookie: String? {
        cookies.isEmpty
            ? nil : cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
    }

    var session: String? { cookies["riposte_session"] }
    var language: String?

    init(_ t: TestApp, language: String? = nil) {
        self.t = t
        self.language = language
    }

    @discardableResult
    func get(_ path: String) async throws -> TestingHTTPResponse {
        let response = try await send(.GET, path, body: nil)
        if let token = Self.token(in: response.body.string) { csrf = token }
        return response
    }

    /// Posts a form; the page's CSRF token is added unless `csrf: false`.
    @discardableResult
    func post(
        _ path: String, _ fields: [(String, String)], csrf withToken: Bool = true
    ) async throws
        -> TestingHTTPResponse
    {
        var all = fields
        if withToken, let csrf { all.append(("_csrf", csrf)) }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(.POST, path, body: body)
    }

    /// A part of a `multipart/form-data` form: a field, or a file when it has a file name.
    struct Part {
        let name: String
        let value: [UInt8]
        var fileName: String? = nil
        var type: String? = nil

        static func field(_ name: String, _ value: String) -> Part { Part(name: name, value: Array(value.utf8)) }
    }

    /// Posts a multipart form, its parts in the order given (the token is not added).
    @discardableResult
    func post(_ path: String, multipart parts: [Part]) async throws -> TestingHTTPResponse {
        let boundary = "----riposte-test-boundary"
        var body: [UInt8] = []
        for part in parts {
            var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\""
            if let fileName = part.fileName { head += "; filename=\"\(fileName)\"" }
            if let type = part.type { head += "\r\nContent-Type: \(type)" }
            body += Array((head + "\r\n\r\n").utf8) + part.value + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return try await send(
            .POST, path, body: ByteBuffer(bytes: body), type: "multipart/form-data; boundary=\(boundary)")
    }

    private func send(_ method: HTTPMethod, _ path: String, body: String?) async throws -> TestingHTTPResponse {
        try await send(
            method, path, body: body.map { ByteBuffer(string: $0) },
            type: body == nil ? nil : "application/x-www-form-urlencoded")
    }

    private func send(
        _ method: HTTPMethod, _ path: String, body: ByteBuffer?, type: String?
    ) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let cookie { headers.add(name: .cookie, value: cookie) }
        if let language { headers.add(name: .acceptLanguage, value: language) }
        if let type { headers.add(name: .contentType, value: type) }
        let response = try await t.app.testing().sendRequest(method, path, headers: headers, body: body)
        for set in response.headers[.setCookie] {
            let attributes = set.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let pair = attributes.first, let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals])
            let value = String(pair[pair.index(after: equals)...])
            let forget = attributes.contains(where: { $0.lowercased() == "max-age=0" }) || value.isEmpty
            lock.withLock { jar[name] = forget ? nil : value }
        }
        return response
    }

    static func token(in html: String) -> String? {
        guard let range = html.range(of: #"name="_csrf" value="([^"]+)""#, options: .regularExpression) else {
            return nil
        }
        let match = String(html[range])
        return match.components(separatedBy: "value=\"").last?.replacingOccurrences(of: "\"", with: "")
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        return (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text).replacingOccurrences(
            of: "%20", with: "+")
    }

    /// Sets up the organisation with a first administrator and stays signed in as them.
    static func setUp(_ t: TestApp, password: String = "correct horse battery") async throws -> Browser {
        let browser = Browser(t)
        try await browser.get("/setup")
        let response = try await browser.post(
            "/setup",
            [
                ("organisation", "ACME"), ("name", "Admin"), ("email", "admin@example.test"), ("password", password),
                ("passwordConfirmation", password), ("language", "fr"), ("timeZone", "Europe/Brussels"),
            ])
        try #require(response.status == .seeOther, "setup failed: \(response.body.string)")
        return browser
    }

    /// Signs in a person created with a password.
    static func signIn(_ t: TestApp, email: String, password: String) async throws -> Browser {
        let browser = Browser(t)
        try await browser.get("/login")
        let response = try await browser.post("/login", [("email", email), ("password", password)])
        try #require(response.status == .seeOther, "sign-in failed: \(response.body.string)")
        return browser
    }
}

extension TestApp {
    /// A person who can sign in on the pages.
    func person(_ roles: Set<Role>, email: String, password: String = "a long passphrase") async throws {
        let user = UserModel(
            email: email, name: email.components(separatedBy: "@")[0],
            passwordHash: try await app.password.async.hash(password), createdAt: clock.now())
        try await user.create(on: db)
        for role in roles {
            try await RoleAssignmentModel(userID: try user.requireID(), role: role.rawValue).create(on: db)
        }
    }
}
