import Foundation

/// When backups are due and which are kept (#19 point 1): `riposte serve` takes one every
/// interval into a folder and keeps the newest few; the administration page warns when the
/// last one is more than two days old, or when there is none.
public enum BackupSchedule {
    public static let staleAfter: TimeInterval = 2 * 86_400

    /// Whether the organisation should be warned: no backup, or none for more than two days.
    public static func isStale(lastAt: Date?, now: Date) -> Bool {
        guard let lastAt else { return true }
        return now.timeIntervalSince(lastAt) > staleAfter
    }

    /// The archive's name for a backup taken at `date`: sorted by name, sorted by time.
    public static func archiveName(at date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        let day = "\(parts.year ?? 0)\(two(parts.month))\(two(parts.day))"
        return "riposte-\(day)-\(two(parts.hour))\(two(parts.minute))\(two(parts.second)).zip"
    }

    /// The archives of the folder beyond the newest `keep` (only Riposte's own, by their name).
    public static func toRemove(_ names: [String], keep: Int) -> [String] {
        let archives = names.filter { $0.hasPrefix("riposte-") && $0.hasSuffix(".zip") }.sorted(by: >)
        return Array(archives.dropFirst(max(keep, 1)))
    }
}
