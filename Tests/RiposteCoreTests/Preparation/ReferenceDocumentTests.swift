import Foundation
import Testing

@testable import RiposteCore

@Suite("Reference documents")
struct ReferenceDocumentTests {
    static let pdf = Array("%PDF-1.7\n%…".utf8)
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]

    @Test("files are recognised by their bytes") func sniffing() {
        #expect(DocumentFileType.sniff(Self.pdf) == .pdf)
        #expect(DocumentFileType.sniff(Self.png) == .png)
        #expect(DocumentFileType.sniff([0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
        #expect(DocumentFileType.sniff([0x50, 0x4B, 0x03, 0x04, 1]) == .officeArchive)
        #expect(DocumentFileType.sniff(Array("Plan de continuité".utf8)) == .text)
        #expect(DocumentFileType.sniff([0x7F, 0x45, 0x4C, 0x46, 0, 1]) == nil, "an executable is no document")
        #expect(DocumentFileType.sniff([0xC3, 0x28]) == nil, "invalid UTF-8 is not text")
    }

    @Test("a file claiming one type and holding another is refused") func mismatch() throws {
        #expect(try DocumentRules.file(Self.pdf, declared: "application/pdf") == .pdf)
        #expect(try DocumentRules.file(Self.pdf, declared: "application/octet-stream") == .pdf)
        #expect(throws: FieldError(field: "file", problem: .invalid)) {
            try DocumentRules.file(Self.png, declared: "application/pdf")
        }
        #expect(throws: FieldError(field: "file", problem: .invalid)) {
            try DocumentRules.file(Array("<script>alert(1)</script>".utf8).map { $0 } + [0], declared: nil)
        }
        #expect(throws: FieldError(field: "file", problem: .tooLong, limit: DocumentRules.maxFileBytes)) {
            try DocumentRules.file(Self.pdf + [UInt8](repeating: 32, count: DocumentRules.maxFileBytes), declared: nil)
        }
    }

    @Test(
        "names lose their folders and control characters",
        arguments: [
            ("../../etc/passwd", "passwd"), ("C:\\Users\\x\\plan.pdf", "plan.pdf"), ("..", "document"),
            ("a\"b\u{0}c.txt", "abc.txt"), (nil, "document"),
        ] as [(String?, String)])
    func names(raw: String?, expected: String) {
        #expect(DocumentRules.displayName(raw) == expected)
    }

    @Test("days are real days") func days() throws {
        #expect(try DocumentRules.day("2027-02-28", field: "d") == "2027-02-28")
        #expect(throws: FieldError.self) { try DocumentRules.day("2027-02-30", field: "d") }
        #expect(try DocumentRules.day("", field: "d") == nil)
    }
}
