/// An ISO 8601 duration of fixed length: `PT4H`, `PT30S`, `P1D`, `P1DT2H30M`, `P2W`.
/// Years and months are refused: their length depends on the calendar, an SLA must not.
/// Designators are upper case, as the standard writes them.
public struct ISODuration: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let seconds: Int

    public init(seconds: Int) {
        self.seconds = seconds
    }

    public init?(_ text: String) {
        var rest = Substring(text)
        guard rest.first == "P" else { return nil }
        rest = rest.dropFirst()
        var total = 0
        var inTime = false
        var sawComponent = false
        var lastRank = -1
        while !rest.isEmpty {
            if rest.first == "T" {
                guard !inTime else { return nil }
                inTime = true
                rest = rest.dropFirst()
                guard !rest.isEmpty else { return nil }
                continue
            }
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 9, let value = Int(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let unit = rest.first else { return nil }
            rest = rest.dropFirst()
            let rank: Int
            let factor: Int
            switch (unit, inTime) {
            case ("W", false): (rank, factor) = (0, 604_800)
            case ("D", false): (rank, factor) = (1, 86_400)
            case ("H", true): (rank, factor) = (2, 3_600)
            case ("M", true): (rank, factor) = (3, 60)
            case ("S", true): (rank, factor) = (4, 1)
            default: return nil
            }
            // Units appear once each, largest first, as the standard writes them.
            guard rank > lastRank else { return nil }
            lastRank = rank
            let (product, overflow) = value.multipliedReportingOverflow(by: factor)
            guard !overflow else { return nil }
            total += product
            sawComponent = true
        }
        guard sawComponent else { return nil }
        self.seconds = total
    }

    /// The shortest canonical form: `P1DT2H`, `PT30S`, `PT0S`.
    public var description: String {
        guard seconds > 0 else { return "PT0S" }
        let days = seconds / 86_400
        let hours = seconds % 86_400 / 3_600
        let minutes = seconds % 3_600 / 60
        let secs = seconds % 60
        var text = "P"
        if days > 0 { text += "\(days)D" }
        if hours > 0 || minutes > 0 || secs > 0 { text += "T" }
        if hours > 0 { text += "\(hours)H" }
        if minutes > 0 { text += "\(minutes)M" }
        if secs > 0 { text += "\(secs)S" }
        return text
    }
}
