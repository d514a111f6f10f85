import Foundation
import RiposteCore
import SQLKit

/// The questions the organisation adds to the post-incident review (#20 point 3), retired
/// ones included, kept as one plan setting.
package enum ReviewQuestionStore {
    static let key = "review.questions"

    package static func questions(on sql: any SQLDatabase) async throws -> [ExtraQuestion] {
        guard let row = try await sql.raw("SELECT value FROM plan_settings WHERE key = \(bind: key)").first() else {
            return []
        }
        return try JSONDecoder().decode(
            [ExtraQuestion].self, from: Data(try row.decode(column: "value", as: String.self).utf8))
    }

    package static func save(_ questions: [ExtraQuestion], on sql: any SQLDatabase) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let value = questions.isEmpty ? nil : String(decoding: try encoder.encode(questions), as: UTF8.self)
        try await PlanSettingRow.put(key, value, on: sql)
    }
}
