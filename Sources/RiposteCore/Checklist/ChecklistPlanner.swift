/// An item of an incident's checklist as stored.
public struct ChecklistItemState: Sendable, Equatable {
    public let key: String
    public let done: Bool

    public init(key: String, done: Bool) {
        self.key = key
        self.done = done
    }
}

/// What a (re-)qualification does to the checklist.
public struct ChecklistChange: Sendable, Equatable {
    /// Open steps of the former procedure, dropped.
    public let removeKeys: [String]
    /// Steps of the new procedure to add, in order.
    public let add: [ChecklistStep]
}

public enum ChecklistPlanner {
    /// Ticked steps are history and stay; open steps of another severity go; the new
    /// severity's steps not yet present are added.
    public static func change(from existing: [ChecklistItemState], to severity: Severity) -> ChecklistChange {
        let wanted = Checklists.steps(for: severity)
        let wantedKeys = Set(wanted.map(\.key))
        let remove = existing.filter { !$0.done && !wantedKeys.contains($0.key) }.map(\.key)
        let present = Set(existing.map(\.key))
        return ChecklistChange(removeKeys: remove, add: wanted.filter { !present.contains($0.key) })
    }
}
