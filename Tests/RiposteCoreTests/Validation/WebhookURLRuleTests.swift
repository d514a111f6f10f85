import Testing

@testable import RiposteCore

@Suite("Webhook addresses")
struct WebhookURLRuleTests {
    @Test(
        "http and https with a host are accepted",
        arguments: ["https://hooks.slack.com/services/T0/B0/xyz", "http://127.0.0.1:8080/hook", " https://a.b/c "])
    func accepted(url: String) throws {
        #expect(try WebhookURLRule.check(url) == url.trimmingCharacters(in: .whitespaces))
    }

    @Test(
        "anything else is refused",
        arguments: [
            "", "ftp://a.b/c", "https://", "/relative/path", "javascript:alert(1)", "https://a b.c/",
            "file:///etc/passwd",
        ])
    func refused(url: String) {
        #expect(throws: FieldError.self) { try WebhookURLRule.check(url) }
    }

    @Test("too long is refused as such") func tooLong() {
        let url = "https://a.b/" + String(repeating: "x", count: WebhookURLRule.maxLength)
        #expect(throws: FieldError(field: "url", problem: .tooLong, limit: WebhookURLRule.maxLength)) {
            try WebhookURLRule.check(url)
        }
    }

    @Test("the secret part of an address is never shown") func redacted() {
        #expect(WebhookURLRule.redacted("https://hooks.slack.com/services/T0/B0/secret") == "https://hooks.slack.com/…")
        #expect(WebhookURLRule.redacted("http://127.0.0.1:8080/hook?token=x") == "http://127.0.0.1:8080/…")
    }
}
