import Foundation
import RiposteCore
import Vapor

/// Times as people read them: in their language's conventions and the organisation's time
/// zone (stored times are UTC).
extension Request {
    func display(_ date: Date?) -> String {
        date.map(display) ?? ""
    }

    func display(_ date: Date) -> String {
        var style = Date.FormatStyle(date: .abbreviated, time: .shortened)
        style.locale = pageLanguage.locale
        style.timeZone = organisation.timeZone
        return date.formatted(style)
    }

    private func localFormatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = organisation.timeZone
        formatter.dateFormat = format
        return formatter
    }

    /// A `datetime-local` field's value (in the organisation's time zone): nil when empty,
    /// a failure when it is no such time.
    func parseLocal(_ text: String?) -> Result<Date?, FieldError> {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return .success(nil) }
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"] {
            if let date = localFormatter(format).date(from: text) { return .success(date) }
        }
        return .failure(FieldError(field: "", problem: .invalid))
    }

    /// The value a `datetime-local` field shows for a time.
    func localInput(_ date: Date?) -> String {
        date.map { localFormatter("yyyy-MM-dd'T'HH:mm").string(from: $0) } ?? ""
    }

    /// A `date` field (YYYY-MM-DD) as the start of that day in the organisation's time zone.
    func parseDay(_ text: String) -> Date? { localFormatter("yyyy-MM-dd").date(from: text) }
}

extension Language {
    var locale: Locale {
        switch self {
        case .fr: Locale(identifier: "fr_BE")
        case .en: Locale(identifier: "en_GB")
        case .nl: Locale(identifier: "nl_BE")
        }
    }
}
