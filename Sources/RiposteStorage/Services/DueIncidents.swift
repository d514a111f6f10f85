import Foundation
import SQLKit

/// The incidents whose next deadline has passed, soonest first, read through an index so
/// that the cost follows what is due, not the register (`StorageEngine.dueIncidents`).
package enum DueIncidents {
    /// `reporter`: only the incidents this person reported. `lock`: lock the incidents read,
    /// skipping those another transaction holds.
    package static func query(
        at now: Date, reporter: UUID? = nil, limit: Int?, lock: Bool, on sql: any SQLDatabase
    ) -> SQLQueryString {
        sql.engine.dueIncidents(at: now, reporter: reporter, limit: limit, lock: lock)
    }
}
