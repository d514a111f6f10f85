import Foundation

extension Duration {
    /// In milliseconds, for the timings the sweep and the search index's upkeep report.
    var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }

    /// To a tenth of a millisecond, as those timings are printed and logged.
    var millisecondsText: String { String(format: "%.1f", milliseconds) }
}
