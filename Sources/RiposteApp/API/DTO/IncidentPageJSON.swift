import Foundation

extension IncidentSummaryDTO {
    /// The register line as JSON, member for member what its `Encodable` conformance
    /// writes (a test holds them together).
    var json: String {
        var object = JSONObjectWriter()
        object.member("id", id)
        object.member("number", number)
        object.member("title", title)
        object.member("description", description)
        object.member("type", type)
        object.member("severity", severity?.rawValue)
        object.member("status", status.rawValue)
        object.member("stage", stage)
        object.member("channel", channel.rawValue)
        object.member("customersAffected", customersAffected)
        object.member("team", team)
        object.member("reporterId", reporterId)
        object.member("reportedAt", reportedAt)
        object.member("detectedAt", detectedAt)
        object.member("updatedAt", updatedAt)
        object.member("version", version)
        return object.finish()
    }
}

extension IncidentPageDTO {
    /// A page of the register, written by hand: with `JSONEncoder`, encoding fifty lines
    /// took as long as reading them from the database.
    var json: String {
        var items = "["
        for (index, item) in self.items.enumerated() {
            if index > 0 { items += "," }
            items += item.json
        }
        items += "]"
        var object = JSONObjectWriter()
        object.member("items", json: items)
        object.member("nextCursor", nextCursor)
        return object.finish()
    }
}
