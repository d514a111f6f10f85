import Foundation
import Testing

@testable import RiposteCore

@Suite("Credentials: passwords and e-mail addresses")
struct CredentialRulesTests {
    @Test("passwords: at least 12 code points, at most bcrypt's 72 bytes, confirmed") func passwords() throws {
        #expect(try CredentialRules.password("douze lettres") == "douze lettres")
        #expect(throws: FieldError(field: "password", problem: .outOfRange, limit: 12)) {
            try CredentialRules.password("onze lettre")
        }
        #expect(throws: FieldError(field: "password", problem: .required)) { try CredentialRules.password("") }
        #expect(throws: FieldError(field: "password", problem: .tooLong, limit: 72)) {
            try CredentialRules.password(String(repeating: "é", count: 37))
        }
        #expect(throws: FieldError(field: "passwordConfirmation", problem: .invalid)) {
            try CredentialRules.password("a long passphrase", confirmation: "a long passphrasE")
        }
    }

    @Test("e-mail addresses", arguments: [("Marie@Example.org", "marie@example.org")])
    func emails(raw: String, expected: String) throws {
        #expect(try CredentialRules.email(raw) == expected)
        for bad in ["marie", "@example.org", "marie@", "marie@example", "ma rie@example.org", "a@b@c.d", "marie@.org"] {
            #expect(throws: FieldError.self, "\(bad)") { try CredentialRules.email(bad) }
        }
    }

    @Test("common passwords are refused as typed, in any case, and with digits or symbols added")
    func common() throws {
        let common = CommonPasswords(["password", "azerty", "iloveyou", "password1234"])
        for weak in ["password1234", "PASSWORD1234", "Password123456", "azertyazerty"] where weak.count >= 12 {
            if weak == "azertyazerty" {
                #expect(try CredentialRules.password(weak, common: common) == weak, "not in the list, not a variant")
            } else {
                #expect(throws: FieldError(field: "password", problem: .tooCommon), "\(weak)") {
                    try CredentialRules.password(weak, common: common)
                }
            }
        }
        #expect(common.contains("Azerty2024!!") && common.contains("iloveyou!!!!"))
        #expect(!common.contains("a long passphrase") && !common.contains("pass"))
        #expect(try CredentialRules.password("correct horse battery", common: common) == "correct horse battery")
    }
}
