import RiposteCore
import Vapor

/// A form sent back to its author: what they typed, and next to each field what is wrong,
/// in their language.
struct FormState: Encodable {
    /// Which form of the page the state belongs to (an incident page has several).
    var formName: String?
    var values: [String: String] = [:]
    var errors: [String: String] = [:]

    enum CodingKeys: String, CodingKey { case formName, values, errors, errorCount }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(formName, forKey: .formName)
        try container.encode(values, forKey: .values)
        try container.encode(errors, forKey: .errors)
        try container.encode(errors.count, forKey: .errorCount)
    }
}

extension Request {
    /// The sentence for an API error code, with its limit when it has one.
    func message(for error: APIError) -> String {
        if let limit = error.limit { return t("error.\(error.code)", String(limit)) }
        return t("error.\(error.code)")
    }
}
