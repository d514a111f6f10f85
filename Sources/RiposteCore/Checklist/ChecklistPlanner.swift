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
    /// Ticked steps are history and stay; open steps of another severity's procedure go; the
    /// new procedure's steps not yet present are added (`procedure` nil: the severity did not
    /// change). A playbook's steps are added once and stay, whatever the severity becomes, in
    /// the words the incident was given: a playbook rewritten later changes no incident.
    public static func change(
        from existing: [ChecklistItemState], to procedure: [ChecklistStep]?, playbook: [ChecklistStep] = []
    ) -> ChecklistChange {
        let wantedKeys = Set((procedure ?? []).map(\.key))
        let remove =
            procedure == nil
            ? []
            : existing.filter { !$0.done && !ChecklistStep.isPlaybookKey($0.key) && !wantedKeys.contains($0.key) }
                .map(\.key)
        var present = Set(existing.map(\.key))
        var add: [ChecklistStep] = []
        for step in (procedure ?? []) + playbook where present.insert(step.key).inserted {
            add.append(step)
        }
        return ChecklistChange(removeKeys: remove, add: add)
    }
}
