/// Limits of every text field, in characters. Documented in the OpenAPI document.
public enum FieldLimits {
    public static let title = 200
    public static let description = 10_000
    public static let type = 100
    public static let team = 100
    public static let journalText = 10_000
    /// The impact, the resources allocated: parts of the detailed description.
    public static let detail = 4_000
    public static let reason = 2_000
    public static let searchQuery = 200
    public static let email = 254
    public static let name = 200
    public static let impactedActivities = 50
    public static let pageSizeMax = 200
    public static let pageSizeDefault = 50
}
