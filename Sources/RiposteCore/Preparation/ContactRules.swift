/// What a contact entry must be: a name, and reachable details that look like what they say.
public enum ContactRules {
    public static let phoneLimit = 40
    public static let maxContactsPerParty = 10

    public static func phone(_ raw: String?, field: String) throws(FieldError) -> String? {
        guard let phone = try TextRule.optional(raw, field: field, max: phoneLimit) else { return nil }
        let allowed = Set("0123456789 +()-./")
        guard phone.allSatisfy(allowed.contains), phone.contains(where: \.isNumber) else {
            throw FieldError(field: field, problem: .invalid)
        }
        return phone
    }

    /// A party's name; for a role of the plan, one of the roles' codes.
    public static func partyName(_ raw: String, kind: PartyKind) throws(FieldError) -> String {
        let name = try TextRule.required(raw, field: "name", max: FieldLimits.name)
        if kind == .role, Role(rawValue: name) == nil { throw FieldError(field: "name", problem: .invalid) }
        return name
    }
}
