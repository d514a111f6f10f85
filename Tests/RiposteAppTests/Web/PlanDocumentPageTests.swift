import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Pages: the plan shown as a document (#20 point 3)")
struct PlanDocumentPageTests {
    @Test("the draft and a published version read as a document, durations in words; the API keeps Markdown")
    func formatted() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            try await admin.get("/activities")
            #expect(
                try await admin.post("/activities", [("name", "<b>Facturation</b>"), ("rto", "4 heures")]).status
                    == .seeOther)
            // The draft as the page shows it (the forms around it explain Markdown in words).
            let page =
                try await admin.get("/plan").body.string.components(separatedBy: "class=\"plan-text\"").last ?? ""
            #expect(page.contains("<h3>"), "\(page)")
            #expect(page.contains("<li>&lt;b&gt;Facturation&lt;/b&gt;: RTO 4 heures</li>"))
            #expect(!page.contains("## ") && !page.contains("|---|") && !page.contains("**"))
            try await admin.get("/plan")
            #expect(try await admin.post("/plan/publish", []).status == .seeOther)
            let version = try await admin.get("/plan/versions/1").body.string
            #expect(version.contains("<h1>") && version.contains("<table class=\"register\">"))
            #expect(!version.contains("## ") && !version.contains("**"))
            let api = try await t.user([.admin])
            let markdown = try await t.send(.GET, "/api/v1/plan/versions/1", as: api).body.string
            #expect(markdown.contains("## 1. "), "the API keeps the Markdown")
        }
    }
}
