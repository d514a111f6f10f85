import FluentKit
import FluentSQL
import SQLKit

/// Fluent's schema builder has no indexes; SQLKit's index builder is portable across
/// SQLite and PostgreSQL, which is all we need.
package enum IndexBuilder {
    package static func create(
        _ name: String, on table: String, columns: [String], unique: Bool = false, in database: any Database
    )
        async throws
    {
        guard let sql = database as? any SQLDatabase else { return }
        var builder = sql.create(index: name).on(table)
        if unique { builder = builder.unique() }
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }
}
