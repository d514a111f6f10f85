import Foundation

/// What a person asks of the register (§4.2: status, severity, type, words, dates), checked by
/// one rule for the API and the pages. Each door reads its own text: the API takes an empty
/// value as a mistake and RFC 3339 times, the pages skip empty fields and take days.
public struct RegisterCriteria: Sendable, Equatable {
    public var status: IncidentStatus?
    public var severity: Severity?
    public var type: String?
    public var text: String?
    public var from: Date?
    public var to: Date?

    public init() {}

    /// Reads the typed values (`value` gives a field's text, nil when absent; `date` reads a
    /// date field's text). Returns what was understood and what was not, in the fields' order.
    public static func read(
        _ value: (String) throws -> String?, date: (_ field: String, _ text: String) -> Date?
    ) rethrows -> (criteria: RegisterCriteria, problems: [FieldError]) {
        var criteria = RegisterCriteria()
        var problems: [FieldError] = []
        func invalid(_ field: String) { problems.append(FieldError(field: field, problem: .invalid)) }
        if let raw = try value("status") {
            if let status = IncidentStatus(rawValue: raw) { criteria.status = status } else { invalid("status") }
        }
        if let raw = try value("severity") {
            if let severity = Severity(rawValue: raw) { criteria.severity = severity } else { invalid("severity") }
        }
        let (type, text) = (try value("type"), try value("q"))
        do throws(FieldError) {
            criteria.type = try TextRule.optional(type, field: "type", max: FieldLimits.type)
        } catch { problems.append(error) }
        do throws(FieldError) {
            criteria.text = try TextRule.optional(text, field: "q", max: FieldLimits.searchQuery)
        } catch { problems.append(error) }
        for field in ["from", "to"] {
            guard let raw = try value(field) else { continue }
            guard let day = date(field, raw) else {
                invalid(field)
                continue
            }
            if field == "from" { criteria.from = day } else { criteria.to = day }
        }
        return (criteria, problems)
    }
}
