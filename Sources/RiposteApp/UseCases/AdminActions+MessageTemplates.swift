import Foundation
import RiposteCore
import RiposteStorage
import SQLKit

/// The wording of the messages sent from incidents (#16 point 4): the organisation rewrites
/// the catalogue's templates on the administration page.
extension AdminActions {
    /// One template, and whether the organisation wrote it (else it is the catalogue's).
    struct MessageTemplateEntry: Sendable, Codable {
        let kind: MessageKind
        let language: Language
        let subject: String
        let body: String
        let custom: Bool
    }

    /// Every kind in every language, in the catalogue's order.
    func messageTemplates(wording: Catalogue) async throws -> [MessageTemplateEntry] {
        try require(.manageSettings)
        let written = try await MessageTemplateStore.written(on: database.sql())
        return MessageKind.allCases.flatMap { kind in
            Language.allCases.map { language in
                let own = written[.init(kind: kind, language: language)]
                let template = own ?? IncidentActions.defaultTemplate(kind, language, wording)
                return MessageTemplateEntry(
                    kind: kind, language: language, subject: template.subject, body: template.body, custom: own != nil)
            }
        }
    }

    /// Saves these templates, all or none; nil puts one back to the catalogue's wording.
    func saveMessageTemplates(
        _ changes: [(kind: MessageKind, language: Language, subject: String?, body: String?)]
    )
        async throws
    {
        try require(.manageSettings)
        var checked: [MessageTemplateStore.Key: MessageTemplate?] = [:]
        for (index, change) in changes.enumerated() {
            let key = MessageTemplateStore.Key(kind: change.kind, language: change.language)
            guard let subject = change.subject, let body = change.body else {
                checked[key] = .some(nil)
                continue
            }
            checked[key] = try FieldError.check { () throws(FieldError) in
                try MessageTemplate.validated(subject: subject, body: body, field: "templates[\(index)]")
            }
        }
        let changes = checked
        try await gate.transaction(on: database) { tx in
            try await MessageTemplateStore.save(changes, on: tx.sql())
        }
    }
}
