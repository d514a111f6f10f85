import Foundation
import Testing
import VaporTesting
import Yams

@testable import RiposteApp

/// The OpenAPI document is the contract: every route is in it, nothing in it is
/// missing from the routes, and every error code the API can send is listed.
@Suite("OpenAPI document")
struct OpenAPIContractTests {
    static let httpMethods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]

    static func document() throws -> [String: Any] {
        let loaded = try Yams.load(yaml: try OpenAPIDocument.text())
        return try #require(loaded as? [String: Any])
    }

    @Test("it is OpenAPI 3.1") func version() throws {
        #expect(try Self.document()["openapi"] as? String == "3.1.0")
    }

    @Test("routes and documented operations are the same set") func routes() async throws {
        try await withTestApp { t in
            let document = try Self.document()
            let paths = try #require(document["paths"] as? [String: Any])
            var documented = Set<String>()
            for (path, item) in paths {
                for method in (item as? [String: Any] ?? [:]).keys where Self.httpMethods.contains(method) {
                    documented.insert("\(method.uppercased()) \(path)")
                }
            }
            let served = Set(
                t.app.routes.all.map { route -> String in
                    let path = route.path.map { component -> String in
                        switch component {
                        case .parameter(let name): "{\(name)}"
                        default: component.description
                        }
                    }.joined(separator: "/")
                    return "\(route.method.rawValue) /\(path)"
                }
                // The web pages are not part of the API contract; what machines read is, and the public
                // pages a report link and a follow-up link open (#18), whose errors clients must know.
                .filter {
                    $0.contains(" /api/") || $0.contains(" /health") || $0.hasSuffix(" /metrics")
                        || $0.contains(" /calendar/") || $0.contains(" /report/") || $0.contains(" /follow/")
                }
            )
            #expect(served.subtracting(documented).isEmpty, "undocumented routes: \(served.subtracting(documented))")
            #expect(
                documented.subtracting(served).isEmpty, "documented but not served: \(documented.subtracting(served))")
        }
    }

    /// What a strict reader finds wrong: a value left empty (a flow mapping cut at a comma makes
    /// a key of the rest of a sentence, with no value) and a description that is not text.
    static func flaws(in node: Any, at path: String = "", namesProperties: Bool = false) -> [String] {
        if let list = node as? [Any] {
            return list.enumerated().flatMap { flaws(in: $0.element, at: "\(path)/\($0.offset)") }
        }
        guard let map = node as? [String: Any] else { return [] }
        return map.flatMap { key, value -> [String] in
            let here = "\(path)/\(key)"
            if value is NSNull { return ["\(here) has no value"] }
            // Under `properties`, keys are the names of fields (one may be called description).
            if !namesProperties, key == "description", !(value is String) { return ["\(here) is not text"] }
            return flaws(in: value, at: here, namesProperties: !namesProperties && key == "properties")
        }
    }

    @Test("a strict reader finds every value and every description as written") func strictYAML() throws {
        #expect(Self.flaws(in: try Self.document()).sorted() == [])
        #expect(
            Self.flaws(in: try #require(try Yams.load(yaml: "a: { description: One, two }") as? [String: Any]))
                == ["/a/two has no value"], "the check catches a sentence cut at its comma")
    }

    @Test("every error code is documented, and only those") func errorCodes() throws {
        let document = try Self.document()
        let components = try #require(document["components"] as? [String: Any])
        let schemas = try #require(components["schemas"] as? [String: Any])
        let code = try #require(schemas["ErrorCode"] as? [String: Any])
        let listed = try #require(code["enum"] as? [String])
        #expect(Set(listed) == Set(APIError.allCodes))
    }
}
