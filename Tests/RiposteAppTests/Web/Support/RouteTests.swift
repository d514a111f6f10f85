import Foundation
import Testing

@testable import RiposteApp

@Suite("Routes: each page's path spelt once")
struct RouteTests {
    static let views = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/RiposteApp/Web/Views")

    @Test("a route's link and the pattern it is registered with agree")
    func linksMatchPatterns() {
        let routes: [Route] = [
            .home, .incident(number: "INC-2026-0001"), .checklistStep(number: "INC-2026-0001", item: "abc"),
            .incidentForm(number: "INC-2026-0001", .statusReport), .userForm(id: "u1", .passwordReset),
            .planVersion(3), .reviewMarkdown(number: "INC-2026-0001"), .followUpDone(id: "f"),
        ]
        for route in routes {
            let pattern = "/" + route.pattern.map(\.description).joined(separator: "/")
            let link = route.url.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            let expected = pattern.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            #expect(link.count == expected.count, "\(route)")
            for (part, wanted) in zip(link, expected) where !wanted.hasPrefix(":") {
                #expect(part == wanted, "\(route)")
            }
        }
        #expect(
            Route.incidentForm(number: "INC-2026-0001", .statusReport).url == "/incidents/INC-2026-0001/status-report")
        #expect(Route.planVersion(3).pattern.map(\.description) == ["plan", "versions", ":number"])
        #expect(Route.home.url == "/")
    }

    @Test("values are escaped in a path, queries are encoded")
    func escaping() {
        #expect(Route.incident(number: "a/b c").url == "/incidents/a%2Fb%20c")
        #expect(Route.register([URLQueryItem(name: "q", value: "a&b é")]).url == "/incidents?q=a%26b%20%C3%A9")
        #expect(Route.signIn(next: "/incidents?x=1").url == "/login?next=%2Fincidents%3Fx%3D1")
        #expect(Route.signIn().url == "/login")
    }

    @Test("the names templates use: known ones with their values, nothing else")
    func names() {
        #expect(
            Route(name: "incidentForm", ["INC-2026-0001", "qualify"])
                == .incidentForm(number: "INC-2026-0001", .qualify))
        #expect(
            Route(name: "register", ["severity", "major"])
                == .register([URLQueryItem(name: "severity", value: "major")]))
        #expect(Route(name: "incidentForm", ["INC-2026-0001", "delete"]) == nil)
        #expect(Route(name: "incident", []) == nil)
        #expect(Route(name: "register", ["severity"]) == nil)
        #expect(Route(name: "planVersion", ["x"]) == nil)
        #expect(Route(name: "nowhere", []) == nil)
    }

    @Test("no template spells a page's path: every link and form names a route Riposte knows")
    func templatesNameRoutes() throws {
        let files = try FileManager.default.contentsOfDirectory(at: Self.views, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "leaf" }
        #expect(files.count > 10)
        let literal = try NSRegularExpression(pattern: #"(href|action)="/(?!css/|js/)"#)
        let named = try NSRegularExpression(pattern: #"#route\("([A-Za-z]+)"((?:, [^,)]+)*)\)"#)
        var seen = 0
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let range = NSRange(text.startIndex..., in: text)
            #expect(literal.firstMatch(in: text, range: range) == nil, "\(file.lastPathComponent) spells a path")
            for match in named.matches(in: text, range: range) {
                let name = String(text[Range(match.range(at: 1), in: text)!])
                let values = String(text[Range(match.range(at: 2), in: text)!]).split(separator: ",").map {
                    // A literal value is checked as written; a variable stands for any value.
                    let value = $0.trimmingCharacters(in: .whitespaces)
                    return value.hasPrefix("\"") ? String(value.dropFirst().dropLast()) : "1"
                }
                #expect(Route(name: name, values) != nil, "\(file.lastPathComponent): #route(\(name), \(values))")
                seen += 1
            }
        }
        #expect(seen > 60)
    }
}
