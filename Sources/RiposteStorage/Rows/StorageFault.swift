/// A state storage should never be in: logged, and answered as an internal error. It names
/// what went wrong and the facts around it, not a sentence: whoever reads the log reads it in
/// any language, and no person acting ever sees it.
package enum StorageFault: Error, Equatable {
    /// The year's counter row (SQLite) gave no number.
    case counterMissing(year: Int)
    /// The year's sequence (PostgreSQL) gave fewer numbers than asked.
    case sequenceMissing(year: Int)
    /// A filing's transaction committed without a filed incident.
    case filingLost
    /// A change that journals an entry wrote none.
    case entryLost
    /// A row just written could not be read back.
    case rowLost
    /// A Fluent database that is not an SQL one.
    case notSQL
    /// A database other than SQLite or PostgreSQL.
    case unsupportedEngine
    /// A stored incident number that does not read as one.
    case malformedNumber(String)
    /// A column read for the register was NULL where Riposte always writes a value.
    case missingValue(column: Int)
    /// A column held a value of a type Riposte never writes there.
    case unexpectedCell(column: Int, found: String)
    /// A read bound a value of a type the PostgreSQL reads do not bind.
    case unsupportedBind(type: String)
    /// A bulk statement's column was given values of different types.
    case mixedColumn(String)
    /// The file store could not create a file in its folder.
    case directoryNotWritable(path: String)
}
