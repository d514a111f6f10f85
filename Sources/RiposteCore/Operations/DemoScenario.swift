/// `riposte demo` (#19 point 3): a fictitious organisation to try Riposte on, with someone in
/// every role of the plan and incidents at every stage of the lifecycle, each brought there by
/// the person whose role allows it, through the same rules as anyone. Its words (titles,
/// notes, types) are the catalogues' `demo.…` keys, said in the language chosen.
public enum DemoScenario {
    public struct Person: Sendable, Equatable {
        /// Who they are in the steps below, and the start of their address.
        public let key: String
        public let name: String
        public let roles: Set<Role>
    }

    public enum Step: Sendable, Equatable {
        case qualify(by: String, type: String, severity: Severity)
        case move(by: String, to: IncidentStatus, reason: String? = nil)
        case note(by: String, text: String)
        case statusReport(by: String, text: String)
        case activate(by: String, plan: ResponsePlan)
        case deactivate(by: String, plan: ResponsePlan)
        /// Personal data involved (#17): its categories `demo.text.<data>`, and the risk to people.
        case assessBreach(by: String, data: String, risk: RegulatoryAssessment.Risk)
    }

    public struct Incident: Sendable, Equatable {
        /// `demo.incident.<key>.title` and `.description`.
        public let key: String
        public let reporter: String
        public let channel: ReportChannel
        public let steps: [Step]
    }

    public static let domain = "demo.example"

    public static let people: [Person] = [
        Person(key: "admin", name: "Marie Dupont", roles: [.admin]),
        Person(key: "helpdesk", name: "Lucas Martin", roles: [.helpdeskOperator]),
        Person(key: "helpdesk-manager", name: "Emma Janssens", roles: [.helpdeskManager]),
        Person(key: "incident-manager", name: "Thomas Peeters", roles: [.incidentManager]),
        Person(key: "team", name: "Sofia Lambert", roles: [.responseTeam]),
        Person(key: "continuity", name: "Hugo Claes", roles: [.continuityManager]),
        Person(key: "crisis", name: "Nora Willems", roles: [.crisisManager]),
        Person(key: "recovery", name: "Louis Dubois", roles: [.recoveryManager]),
        Person(key: "privacy", name: "Camille Leroy", roles: [.privacyOfficer]),
        Person(key: "employee", name: "Julie Maes", roles: [.reporter]),
    ]

    public static let incidents: [Incident] = [
        Incident(key: "printer", reporter: "employee", channel: .phone, steps: []),
        Incident(
            key: "mail", reporter: "employee", channel: .email,
            steps: [.qualify(by: "helpdesk", type: "mail", severity: .low)]),
        Incident(
            key: "malware", reporter: "employee", channel: .phone,
            steps: [
                .qualify(by: "helpdesk", type: "security", severity: .minor),
                .move(by: "team", to: .inTreatment),
                .note(by: "team", text: "isolated"),
            ]),
        Incident(
            key: "power", reporter: "helpdesk", channel: .phone,
            steps: [
                .qualify(by: "incident-manager", type: "hardware", severity: .major),
                .move(by: "incident-manager", to: .inTreatment),
                .statusReport(by: "incident-manager", text: "power"),
                .activate(by: "continuity", plan: .bcp),
            ]),
        Incident(
            key: "ransomware", reporter: "helpdesk", channel: .phone,
            steps: [
                .qualify(by: "incident-manager", type: "security", severity: .crisis),
                .assessBreach(by: "privacy", data: "customers", risk: .high),
                .activate(by: "crisis", plan: .cmp),
                .move(by: "incident-manager", to: .inTreatment),
                .move(by: "incident-manager", to: .eradication),
            ]),
        Incident(
            key: "website", reporter: "employee", channel: .web,
            steps: [
                .qualify(by: "helpdesk", type: "network", severity: .minor),
                .move(by: "team", to: .inTreatment),
                .note(by: "team", text: "restarted"),
                .move(by: "team", to: .resolved),
            ]),
        Incident(
            key: "vpn", reporter: "employee", channel: .email,
            steps: [
                .qualify(by: "helpdesk", type: "network", severity: .minor),
                .move(by: "team", to: .inTreatment),
                .move(by: "team", to: .resolved),
                .deactivate(by: "incident-manager", plan: .irp),
                .move(by: "incident-manager", to: .closed),
            ]),
        Incident(
            key: "mouse", reporter: "employee", channel: .phone,
            steps: [.move(by: "helpdesk", to: .rejected, reason: "mouse")]),
    ]

    /// The type keys the incidents use: `demo.type.<key>`.
    public static var typeKeys: [String] {
        var keys: [String] = []
        for incident in incidents {
            for case .qualify(_, let type, _) in incident.steps where !keys.contains(type) { keys.append(type) }
        }
        return keys
    }

    /// Every text key a step names: notes and status reports `demo.text.<key>`, reasons `demo.reason.<key>`.
    public static var textKeys: [String] {
        incidents.flatMap { incident in
            incident.steps.compactMap { step -> String? in
                switch step {
                case .note(_, let text), .statusReport(_, let text), .assessBreach(_, let text, _): "demo.text.\(text)"
                case .move(_, _, let reason?): "demo.reason.\(reason)"
                default: nil
                }
            }
        } + typeKeys.map { "demo.type.\($0)" }
            + incidents.flatMap { ["demo.incident.\($0.key).title", "demo.incident.\($0.key).description"] }
    }
}
