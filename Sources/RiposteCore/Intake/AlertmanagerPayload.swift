import Foundation

/// Prometheus Alertmanager's webhook payload, version 4 (`status`, `groupKey`, `alerts[]` with
/// `status`, `labels`, `annotations`, `startsAt`, `endsAt`, `fingerprint`, `generatorURL`),
/// read field by field so that a refusal names the field. A group holds several alerts; each is
/// one `MonitoringAlert`, its title the `summary` annotation (else the `alertname` label).
public enum AlertmanagerPayload {
    public static let maxAlerts = 1_000

    public static func alerts(
        from data: Data, severityLabel: String = "severity"
    ) throws(MalformedPayload) -> [MonitoringAlert] {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw MalformedPayload(path: "$")
        }
        guard root["version"] as? String == "4" else { throw MalformedPayload(path: "version") }
        guard let status = (root["status"] as? String).flatMap(MonitoringAlert.Status.init) else {
            throw MalformedPayload(path: "status")
        }
        _ = status
        guard root["groupKey"] is String else { throw MalformedPayload(path: "groupKey") }
        guard let alerts = root["alerts"] as? [Any], alerts.count <= maxAlerts else {
            throw MalformedPayload(path: "alerts")
        }
        var read: [MonitoringAlert] = []
        for (index, item) in alerts.enumerated() {
            read.append(try alert(item, path: "alerts[\(index)]", severityLabel: severityLabel))
        }
        return read
    }

    private static func alert(
        _ item: Any, path: String, severityLabel: String
    ) throws(MalformedPayload)
        -> MonitoringAlert
    {
        guard let alert = item as? [String: Any] else { throw MalformedPayload(path: path) }
        guard let status = (alert["status"] as? String).flatMap(MonitoringAlert.Status.init) else {
            throw MalformedPayload(path: "\(path).status")
        }
        let labels = try strings(alert["labels"], path: "\(path).labels")
        let annotations = try strings(alert["annotations"] ?? [String: String](), path: "\(path).annotations")
        guard let fingerprint = alert["fingerprint"] as? String, !fingerprint.isEmpty,
            fingerprint.unicodeScalars.count <= 200, !fingerprint.unicodeScalars.contains("\u{0}")
        else {
            throw MalformedPayload(path: "\(path).fingerprint")
        }
        guard let rawStart = alert["startsAt"] as? String, let startsAt = RFC3339.parse(rawStart) else {
            throw MalformedPayload(path: "\(path).startsAt")
        }
        if let endsAt = alert["endsAt"], !(endsAt is NSNull), (endsAt as? String).flatMap(RFC3339.parse) == nil {
            throw MalformedPayload(path: "\(path).endsAt")
        }
        let source = alert["generatorURL"] as? String
        if let source, source.unicodeScalars.contains("\u{0}") { throw MalformedPayload(path: "\(path).generatorURL") }
        // A summary its template left blank names nothing: the alert's name does.
        let title =
            [annotations["summary"], labels["alertname"], fingerprint].compactMap { $0 }
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.first { !$0.isEmpty } ?? fingerprint
        let description = [annotations["description"], annotations["message"]].compactMap { $0 }
            .joined(separator: "\n\n")
        return MonitoringAlert(
            key: fingerprint, status: status, title: title, description: description, labels: labels,
            sourceURL: source.flatMap { $0.isEmpty ? nil : $0 }, startsAt: startsAt,
            severityHint: labels[severityLabel])
    }

    private static func strings(_ value: Any?, path: String) throws(MalformedPayload) -> [String: String] {
        guard let object = value as? [String: Any] else { throw MalformedPayload(path: path) }
        var strings: [String: String] = [:]
        for (key, value) in object {
            // NUL is stored by no engine as text: refused where it is.
            guard let text = value as? String, !text.unicodeScalars.contains("\u{0}"),
                !key.unicodeScalars.contains("\u{0}")
            else { throw MalformedPayload(path: "\(path).\(key)") }
            strings[key] = text
        }
        return strings
    }
}
