import Foundation
import RiposteCore
import SQLKit

/// The organisation's wording of the message templates (#16 point 4), one per kind and
/// language, kept with the plan's other settings. A template the organisation never wrote
/// is the catalogue's default.
package enum MessageTemplateStore {
    /// One template as the organisation wrote it.
    package struct Key: Hashable, Sendable {
        package let kind: MessageKind
        package let language: Language

        package init(kind: MessageKind, language: Language) {
            self.kind = kind
            self.language = language
        }

        var stored: String { "message_template.\(kind.rawValue).\(language.rawValue)" }

        init?(stored: String) {
            let parts = stored.split(separator: ".")
            guard parts.count == 3, parts[0] == "message_template", let kind = MessageKind(rawValue: String(parts[1])),
                let language = Language(rawValue: String(parts[2]))
            else { return nil }
            self.init(kind: kind, language: language)
        }
    }

    package static func written(on sql: any SQLDatabase) async throws -> [Key: MessageTemplate] {
        var templates: [Key: MessageTemplate] = [:]
        for row in try await sql.raw("SELECT key, value FROM plan_settings WHERE key LIKE 'message_template.%'")
            .all()
        {
            guard let key = Key(stored: try row.decode(column: "key", as: String.self)),
                let template = try? JSONDecoder().decode(
                    MessageTemplate.self, from: Data(try row.decode(column: "value", as: String.self).utf8))
            else { continue }
            templates[key] = template
        }
        return templates
    }

    /// Replaces these templates (nil: back to the default), all or none.
    package static func save(_ changes: [Key: MessageTemplate?], on sql: any SQLDatabase) async throws {
        for (key, template) in changes.sorted(by: { $0.key.stored < $1.key.stored }) {
            let value = try template.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
            try await PlanSettingRow.put(key.stored, value, on: sql)
        }
    }
}
