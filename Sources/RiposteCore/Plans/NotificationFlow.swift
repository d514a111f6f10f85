/// One arrow of chapter II's diagram: which plan manager tells which, and how.
public struct NotificationFlow: Sendable, Equatable, Hashable {
    public enum Kind: String, Sendable {
        /// "avertit": raises the alarm; the receiver may activate their plan.
        case alerts
        /// "consulte et informe", "se tiennent informés": keeps a partner up to date.
        case informs
    }

    /// The number printed on the diagram (1–7); notifications carry it so people can
    /// follow the plan on paper.
    public let number: Int
    public let from: ResponsePlan
    public let to: ResponsePlan
    public let kind: Kind

    /// The seven flows of chapter II. Flow 6 goes both ways, so it is listed twice.
    public static let all: [NotificationFlow] = [
        NotificationFlow(number: 1, from: .irp, to: .cmp, kind: .alerts),
        NotificationFlow(number: 2, from: .cmp, to: .bcp, kind: .alerts),
        NotificationFlow(number: 3, from: .bcp, to: .cmp, kind: .informs),
        NotificationFlow(number: 4, from: .cmp, to: .drp, kind: .alerts),
        NotificationFlow(number: 5, from: .drp, to: .cmp, kind: .informs),
        NotificationFlow(number: 6, from: .bcp, to: .drp, kind: .informs),
        NotificationFlow(number: 6, from: .drp, to: .bcp, kind: .informs),
        // "sans avertir le gestionnaire du Crisis Management Plan".
        NotificationFlow(number: 7, from: .irp, to: .bcp, kind: .alerts),
    ]

    /// The flow from one plan to another, if the diagram draws one.
    public static func between(_ from: ResponsePlan, _ to: ResponsePlan) -> NotificationFlow? {
        all.first { $0.from == from && $0.to == to }
    }
}
