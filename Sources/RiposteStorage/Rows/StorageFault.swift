/// Something the database holds or answers that cannot be: a fault of Riposte or of its
/// database, never of the person asking. Logged, and answered as an internal error.
package struct StorageFault: Error, CustomStringConvertible {
    package let description: String

    package init(_ description: String) {
        self.description = description
    }
}
