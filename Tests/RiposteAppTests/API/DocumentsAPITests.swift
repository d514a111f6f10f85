import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Reference documents (API)")
struct DocumentsAPITests {
    struct DocumentJSON: Decodable {
        let id: UUID
        let title: String
        let fileName: String?
        let fileType: String?
        let fileSize: Int?
    }

    func upload(
        _ t: TestApp, _ id: UUID, as caller: Caller, bytes: [UInt8], type: String, name: String
    ) async throws
        -> TestingHTTPResponse
    {
        var headers = HTTPHeaders()
        headers.add(name: .authorization, value: "Bearer \(caller.token)")
        headers.add(name: .contentType, value: type)
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name
        return try await t.app.testing().sendRequest(
            .PUT, "/api/v1/documents/\(id)/file?name=\(encoded)", headers: headers, body: ByteBuffer(bytes: bytes))
    }

    @Test("a document with its file: stored under a random name, served as an attachment") func roundTrip() async throws
    {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            let manager = try await t.user([.incidentManager])
            let created = try await t.send(
                .POST, "/api/v1/documents", as: admin,
                json: #"{"kind":"bcp","title":"Plan de continuité","version":"3.1","nextReviewOn":"2027-06-30"}"#)
            #expect(created.status == .created, "\(created.body.string)")
            let id = try created.decode(DocumentJSON.self).id
            let pdf = Array("%PDF-1.7\nplan".utf8)
            let uploaded = try await upload(
                t, id, as: admin, bytes: pdf, type: "application/pdf", name: "../../etc/plan BCP.pdf")
            #expect(uploaded.status == .ok, "\(uploaded.body.string)")
            let document = try uploaded.decode(DocumentJSON.self)
            #expect(document.fileName == "plan BCP.pdf")
            #expect(document.fileType == "pdf" && document.fileSize == pdf.count)
            // Only files named by the store, inside its folder.
            let stored = try FileManager.default.contentsOfDirectory(atPath: t.app.files.directory.path)
            #expect(stored.count == 1 && UUID(uuidString: stored[0]) != nil)
            let download = try await t.send(.GET, "/api/v1/documents/\(id)/file", as: manager)
            #expect(download.status == .ok)
            #expect(download.headers.first(name: .contentType) == "application/pdf")
            #expect(download.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") == true)
            #expect(download.headers.first(name: "X-Content-Type-Options") == "nosniff")
            // The download's own policy, not the site's: a PDF's scripts run nowhere.
            #expect(download.headers.first(name: "Content-Security-Policy") == "sandbox; default-src 'none'")
            #expect(download.headers.first(name: .cacheControl) == "no-store")
            #expect(Array(download.body.readableBytesView) == pdf)
        }
    }

    @Test("oversize, mismatched or unknown files are refused and nothing is kept") func refusals() async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            let manager = try await t.user([.incidentManager])
            let created = try await t.send(
                .POST, "/api/v1/documents", as: admin, json: #"{"kind":"other","title":"Divers"}"#)
            let id = try created.decode(DocumentJSON.self).id
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]
            let claimsPDF = try await upload(t, id, as: admin, bytes: png, type: "application/pdf", name: "x.pdf")
            #expect(claimsPDF.status == .unprocessableEntity)
            let elf = try await upload(
                t, id, as: admin, bytes: [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0], type: "application/octet-stream",
                name: "run")
            #expect(elf.status == .unprocessableEntity)
            let big = try await upload(
                t, id, as: admin,
                bytes: Array("%PDF-".utf8) + [UInt8](repeating: 0x20, count: DocumentRules.maxFileBytes),
                type: "application/pdf", name: "big.pdf")
            #expect(big.status == .payloadTooLarge)
            let notAdmin = try await upload(
                t, id, as: manager, bytes: Array("%PDF-1".utf8), type: "application/pdf", name: "x.pdf")
            #expect(notAdmin.status == .forbidden)
            let stored = (try? FileManager.default.contentsOfDirectory(atPath: t.app.files.directory.path)) ?? []
            #expect(stored.isEmpty)
            #expect(try await t.send(.GET, "/api/v1/documents/\(id)/file", as: admin).status == .notFound)
            let badLink = try await t.send(
                .POST, "/api/v1/documents", as: admin,
                json: #"{"kind":"other","title":"X","link":"javascript:alert(1)"}"#)
            #expect(badLink.status == .unprocessableEntity)
        }
    }
}
