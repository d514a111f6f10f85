import Foundation

/// The ways to report an incident that exist (§4.2 "Pensez à décrire les moyens de signaler les
/// incidents", #18 point 4): Riposte's own report form, the mailbox and the helpdesk's phone the
/// organisation names, the public link, the clients and suppliers who have their own link (by
/// name, never the address), the monitoring integrations. The plan lists them; the report page
/// tells every employee.
public struct ReportingMeans: Sendable, Equatable {
    /// The address `riposte intake mail` is fed from, as the organisation publishes it.
    public var mailbox: String?
    /// The helpdesk's phone number.
    public var phone: String?
    public var generalLink: Bool
    public var parties: [String]
    public var integrations: [String]

    public init(
        mailbox: String? = nil, phone: String? = nil, generalLink: Bool = false, parties: [String] = [],
        integrations: [String] = []
    ) {
        self.mailbox = mailbox
        self.phone = phone
        self.generalLink = generalLink
        self.parties = parties
        self.integrations = integrations
    }

    /// The two the organisation types: an address a receipt can come from, a phone number as the
    /// directory takes them; empty is none.
    public static func validated(mailbox: String?, phone: String?) throws(FieldError) -> (String?, String?) {
        let address = try TextRule.optional(mailbox, field: "mailbox", max: FieldLimits.email).map {
            (text) throws(FieldError) in try CredentialRules.email(text, field: "mailbox")
        }
        return (address, try ContactRules.phone(phone, field: "phone"))
    }

    /// One Markdown list item per way, in `language`.
    public func lines(in language: Language, wording: some Wording) -> [String] {
        sentences(in: language, wording: wording).map { "- " + $0 }
    }

    /// One sentence per way, in `language` (keys `plan.document.means.…`); the form is always there.
    public func sentences(in language: Language, wording: some Wording) -> [String] {
        func t(_ key: String, _ arguments: [String] = []) -> String {
            wording.text("plan.document.means.\(key)", language, arguments)
        }
        var lines = [t("form")]
        if let mailbox { lines.append(t("mailbox", [mailbox])) }
        if let phone { lines.append(t("phone", [phone])) }
        if generalLink { lines.append(t("general")) }
        if !parties.isEmpty { lines.append(t("parties", [parties.sorted().joined(separator: ", ")])) }
        if !integrations.isEmpty { lines.append(t("integrations", [integrations.sorted().joined(separator: ", ")])) }
        return lines
    }

    public static let textKeys = ["form", "mailbox", "phone", "general", "parties", "integrations"].map {
        "plan.document.means.\($0)"
    }
}
