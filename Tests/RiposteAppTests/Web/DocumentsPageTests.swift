import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Pages: reference documents and their files")
struct DocumentsPageTests {
    static let text = Array("Plan de continuité v2\n".utf8)

    func storedFiles(_ t: TestApp) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: t.app.files.directory.path)) ?? []
    }

    func form(_ browser: Browser, title: String, file: [UInt8], type: String = "text/plain") -> [Browser.Part] {
        [
            .field("_csrf", browser.csrf ?? ""), .field("kind", "bcp"), .field("title", title),
            Browser.Part(name: "file", value: file, fileName: "../../bcp.txt", type: type),
            .field("nextReviewOn", "2027-06-30"),
        ]
    }

    @Test("a document and its file are saved; the fields after the file are read too") func upload() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            try await admin.get("/documents")
            let saved = try await admin.post("/documents", multipart: form(admin, title: "Plan", file: Self.text))
            #expect(saved.status == .seeOther, "\(saved.body.string)")
            #expect(storedFiles(t).count == 1)
            let page = try await admin.get("/documents").body.string
            #expect(page.contains("bcp.txt") && page.contains("2027-06-30"))
            let id = try #require(page.range(of: #"/documents/[0-9A-Fa-f-]{36}/file"#, options: .regularExpression))
            let download = try await admin.get(String(page[id]))
            #expect(download.status == .ok)
            #expect(download.body.string == "Plan de continuité v2\n")
        }
    }

    @Test("no file chosen: the document is saved without one") func noFile() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            try await admin.get("/documents")
            let saved = try await admin.post("/documents", multipart: form(admin, title: "Lien seul", file: []))
            #expect(saved.status == .seeOther, "\(saved.body.string)")
            #expect(storedFiles(t).isEmpty)
        }
    }

    @Test("a token after the file, or none, is refused and nothing is written") func tokenFirst() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            try await admin.get("/documents")
            var late = form(admin, title: "Plan", file: Self.text)
            late.append(late.removeFirst())
            let refused = try await admin.post("/documents", multipart: late)
            #expect(refused.status == .forbidden)
            let forged = try await admin.post(
                "/documents", multipart: Array(form(admin, title: "Plan", file: Self.text).dropFirst()))
            #expect(forged.status == .forbidden)
            #expect(storedFiles(t).isEmpty)
            #expect(!(try await admin.get("/documents").body.string.contains("bcp.txt")))
        }
    }

    @Test("a wrong or oversize file is shown next to the field; nothing is kept") func refusedFiles() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            try await admin.get("/documents")
            let fake = try await admin.post(
                "/documents", multipart: form(admin, title: "Faux", file: Self.text, type: "application/pdf"))
            #expect(fake.status == .unprocessableEntity)
            #expect(fake.body.string.contains(#"id="d-file-error""#))
            #expect(fake.body.string.contains(#"value="Faux""#), "the fields are kept")
            let big = Self.text + [UInt8](repeating: 0x20, count: DocumentRules.maxFileBytes)
            let tooLong = try await admin.post("/documents", multipart: form(admin, title: "Gros", file: big))
            #expect(tooLong.status == .unprocessableEntity)
            #expect(tooLong.body.string.contains(#"id="d-file-error""#))
            #expect(storedFiles(t).isEmpty)
        }
    }

    @Test("someone who may not upload is refused before any file is written") func notAllowed() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            try await t.person([.incidentManager], email: "im@example.test")
            let manager = try await Browser.signIn(t, email: "im@example.test", password: "a long passphrase")
            try await manager.get("/documents")
            let refused = try await manager.post("/documents", multipart: form(manager, title: "Plan", file: Self.text))
            #expect(refused.status == .forbidden)
            #expect(storedFiles(t).isEmpty)
        }
    }
}
