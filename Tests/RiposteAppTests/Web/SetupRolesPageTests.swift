import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Pages: the first hour (#19 point 3)")
struct SetupRolesPageTests {
    static let fields: [(String, String)] = [
        ("organisation", "Boulangerie Dupont"), ("name", "Marie Dupont"), ("email", "marie@example.test"),
        ("password", "correct horse battery"), ("passwordConfirmation", "correct horse battery"),
        ("language", "fr"), ("timeZone", "Europe/Brussels"),
    ]

    @Test("holding every role at setup, the director reports and qualifies the first incident at once")
    func allRoles() async throws {
        try await withTestApp { t in
            let browser = Browser(t)
            let page = try await browser.get("/setup").body.string
            #expect(page.contains("Tous les rôles du plan (petite organisation)"))
            #expect(page.contains(#"value="all" checked"#), "offered as the first choice")
            let done = try await browser.post("/setup", Self.fields + [("holds", "all")])
            #expect(done.status == .seeOther, "\(done.body.string)")
            try await browser.get("/incidents/new")
            let sent = try await browser.post(
                "/incidents/new", [("title", "Four en panne"), ("description", "Plus de pain")])
            let number = try #require(sent.headers.first(name: .location)?.components(separatedBy: "/").last)
            let incident = try await browser.get("/incidents/\(number)").body.string
            let version = try #require(IncidentPagesTests.version(in: incident))
            let qualified = try await browser.post(
                "/incidents/\(number)/qualify", [("type", "matériel"), ("severity", "minor"), ("version", version)])
            #expect(qualified.status == .seeOther, "\(qualified.body.string)")
            #expect(try await browser.get("/incidents/\(number)").body.string.contains("Mineur"))
        }
    }

    @Test("an unknown role is refused next to the question, and nothing is created")
    func unknownRole() async throws {
        try await withTestApp { t in
            let browser = Browser(t)
            try await browser.get("/setup")
            let refused = try await browser.post(
                "/setup", Self.fields + [("holds", "chosen"), ("roles[]", "chief_executive")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("roles-error"))
            #expect(try await browser.get("/setup").status == .ok, "setup is still to do")
        }
    }
}
