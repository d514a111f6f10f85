import Foundation

/// A webhook's address: absolute `http` or `https` with a host, no spaces, within a size
/// a database column and a log line can hold.
public enum WebhookURLRule {
    public static let maxLength = 2_000

    public static func check(_ value: String, field: String = "url") throws(FieldError) -> String {
        let text = try TextRule.required(value, field: field, max: maxLength)
        guard !text.contains(where: \.isWhitespace),
            let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else { throw FieldError(field: field, problem: .invalid) }
        return text
    }

    /// What may be shown of an address: chat webhook URLs carry their secret in the path,
    /// so only the scheme, host and port are displayed.
    public static func redacted(_ url: String) -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host
        else { return "…" }
        return "\(scheme)://\(host)\(components.port.map { ":\($0)" } ?? "")/…"
    }
}
