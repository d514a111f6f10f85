import Foundation

/// The generic JSON intake (#18 point 2) for monitors that are not Alertmanager: `title`,
/// `description`, `severity` (the sender's word, mapped like a label), a deduplication `key`
/// and `status` (`firing` or `resolved`).
public enum GenericAlert {
    public static func alert(from data: Data) throws(MalformedPayload) -> MonitoringAlert {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw MalformedPayload(path: "$")
        }
        guard let title = object["title"] as? String, !title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
            title.unicodeScalars.count <= FieldLimits.title, !title.unicodeScalars.contains("\u{0}")
        else { throw MalformedPayload(path: "title") }
        guard let key = object["key"] as? String, !key.isEmpty, key.unicodeScalars.count <= 200,
            !key.unicodeScalars.contains("\u{0}")
        else { throw MalformedPayload(path: "key") }
        let status: MonitoringAlert.Status
        switch object["status"] {
        case nil: status = .firing
        case let text as String:
            guard let known = MonitoringAlert.Status(rawValue: text) else { throw MalformedPayload(path: "status") }
            status = known
        default: throw MalformedPayload(path: "status")
        }
        func optional(_ name: String, max: Int) throws(MalformedPayload) -> String? {
            switch object[name] {
            case nil, is NSNull: return nil
            case let text as String where text.unicodeScalars.count <= max && !text.unicodeScalars.contains("\u{0}"):
                return text
            default: throw MalformedPayload(path: name)
            }
        }
        return MonitoringAlert(
            key: key, status: status, title: title,
            description: try optional("description", max: FieldLimits.description) ?? "",
            severityHint: try optional("severity", max: 100))
    }
}
