import Testing

@testable import RiposteCore

@Suite("Languages and roles")
struct LanguageTests {
    @Test(
        "Accept-Language picks the best supported language",
        arguments: [
            (nil, Language.fr), ("", .fr), ("en-GB,en;q=0.9", .en), ("nl-BE", .nl), ("de, en;q=0.5", .en),
            ("de", .fr), ("fr;q=0.2, nl;q=0.8", .nl), ("en;q=0", .fr),
        ] as [(String?, Language)])
    func negotiate(header: String?, expected: Language) {
        #expect(Language.negotiate(acceptLanguage: header) == expected)
    }

    @Test("role lists parse and refuse unknown names") func roles() throws {
        #expect(try Role.parseList("helpdesk_operator, admin").get() == [.helpdeskOperator, .admin])
        #expect(Role.parseList("admin,boss") == .failure(UnknownRole(name: "boss")))
    }

    @Test("a header naming no supported language matches none") func noMatch() {
        #expect(Language.match(acceptLanguage: "de-DE, it;q=0.5") == nil)
        #expect(Language.match(acceptLanguage: nil) == nil)
        #expect(Language.match(acceptLanguage: "de, nl;q=0.4") == .nl)
        #expect(Language.negotiate(acceptLanguage: "de") == .fr)
    }
}
