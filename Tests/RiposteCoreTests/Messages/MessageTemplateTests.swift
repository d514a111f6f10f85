import Foundation
import Testing

@testable import RiposteCore

@Suite("Message templates")
struct MessageTemplateTests {
    @Test("placeholders are replaced by the incident's values, absent ones by nothing")
    func filled() {
        let template = MessageTemplate(
            subject: "{number}: {title}",
            body: "Dear all,\n{organisation} expects it solved by {expected_resolution}.\n{sender}")
        let message = template.filled(with: [
            .number: "INC-2026-0007", .title: "Mail down", .organisation: "Acme", .sender: "Ann",
        ])
        #expect(message.subject == "INC-2026-0007: Mail down")
        #expect(message.body == "Dear all,\nAcme expects it solved by .\nAnn")
    }

    @Test("a value with a line break never splits the subject")
    func subjectStaysOneLine() {
        let message = MessageTemplate(subject: "{title}", body: "b").filled(with: [.title: "one\r\nBcc: x@y.z"])
        #expect(!message.subject.contains { $0.isNewline })
        #expect(message.subject == "one Bcc: x@y.z")
    }

    @Test("a misspelt placeholder is refused, in the part that holds it")
    func unknownPlaceholder() {
        #expect(throws: FieldError(field: "resolved.body", problem: .unknown)) {
            try MessageTemplate.validated(subject: "{number}", body: "by {expected_resolutoin}", field: "resolved")
        }
        #expect(throws: FieldError(field: "subject", problem: .unknown)) {
            try MessageTemplate.validated(subject: "{numero}", body: "b")
        }
    }

    @Test("braces that are not a placeholder's stay as written")
    func otherBraces() throws {
        let template = try MessageTemplate.validated(subject: "s", body: "JSON {\"a\": 1} and {} and { spaced }")
        #expect(template.body == "JSON {\"a\": 1} and {} and { spaced }")
    }

    @Test("both parts are required, within their limits, the subject on one line")
    func limits() {
        #expect(throws: FieldError(field: "subject", problem: .required)) {
            try MessageTemplate.validated(subject: "  ", body: "b")
        }
        #expect(throws: FieldError(field: "body", problem: .required)) {
            try MessageTemplate.validated(subject: "s", body: "")
        }
        #expect(throws: FieldError.self) {
            try MessageTemplate.validated(subject: String(repeating: "s", count: 201), body: "b")
        }
        #expect(throws: FieldError(field: "subject", problem: .invalid)) {
            try MessageTemplate.validated(subject: "a\nb", body: "b")
        }
        #expect((try? MessageTemplate.validated(subject: String(repeating: "s", count: 200), body: "b")) != nil)
    }
}
