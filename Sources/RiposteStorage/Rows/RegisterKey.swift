import RiposteCore

/// An incident's place in the register's newest-first order as one integer, so that an index
/// kept in integer order (SQLite's FTS5, see `KeySearchIndexByRegisterOrder`) can hand back
/// matches newest first and stop early instead of returning every match to be sorted.
///
/// The high bits are the millisecond the incident was reported (43 bits: until 2248); the
/// low 20 bits are its number: the series (the top one of the 20 is set for an exercise) and
/// the sequence, which tell apart incidents reported in the same millisecond (they share a
/// year, and a year would need half a million incidents in one millisecond to repeat them). Keys of different milliseconds therefore sort as
/// their dates do. Within one millisecond the register orders incidents by id, which keys do
/// not follow: a page read in key order is exact only for the milliseconds it read whole
/// (see `IncidentSearchWindow`).
package enum RegisterKey {
    package static let sequenceBits: Int64 = 20
    package static let sequenceMask: Int64 = (1 << sequenceBits) - 1

    package static func of(reportedAtMilliseconds milliseconds: Int64, number: IncidentNumber) -> Int64 {
        let series: Int64 = number.series == .exercise ? 1 << (sequenceBits - 1) : 0
        return (milliseconds << sequenceBits) | series | (Int64(number.sequence) & (sequenceMask >> 1))
    }

    /// The smallest key of a millisecond: every incident reported at or after it has a key
    /// at least this large, every incident reported before it a smaller one.
    package static func first(ofMillisecond milliseconds: Int64) -> Int64 {
        milliseconds << sequenceBits
    }
}
