/// How far a role's permission for an action reaches.
public enum PermissionScope: Sendable, Equatable {
    /// Whatever the incident's severity.
    case always
    /// Only for incidents up to this severity; first-line work of the helpdesk (§3.1:
    /// "Résoudre les incidents en 1ère ligne") stops where the incident team takes over.
    case upTo(Severity)

    func covers(_ severity: Severity?) -> Bool {
        switch self {
        case .always: true
        case .upTo(let ceiling): (severity ?? .low) <= ceiling
        }
    }
}

/// The "Fonction autorisée" tables of §3, §4.2.3, §4.3 and §4.5 in one place.
/// Every cell is tested; change a rule here and nowhere else.
public enum PermissionMatrix {
    /// The roles that handle incidents (everyone but a mere reporter and the administrator).
    public static let handlers: Set<Role> = [
        .helpdeskOperator, .helpdeskManager, .incidentManager, .responseTeam,
        .continuityManager, .crisisManager, .recoveryManager, .privacyOfficer,
    ]

    /// The cells: for each action, the roles allowed and how far.
    public static let cells: [Permission: [Role: PermissionScope]] = [
        // Every employee reports (§4.2); holding any role makes one an employee.
        .report: Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, .always) }),
        .viewRegister: Dictionary(uniqueKeysWithValues: (handlers.union([.admin])).map { ($0, .always) }),
        // §4.2 and §4.3: the helpdesk receives, analyses and classifies the report.
        .qualify: [.helpdeskOperator: .always, .helpdeskManager: .always, .incidentManager: .always],
        // §4.2.3 step 2 lets the incident manager extend it; the crisis manager decides on a
        // crisis (§4.2.4). The helpdesk manager re-qualifies within his own ceiling only: he
        // cannot lift an incident to major or lower a major one or a crisis; he escalates it.
        .requalify: [.helpdeskManager: .upTo(.minor), .incidentManager: .always, .crisisManager: .always],
        .startTreatment: [
            .helpdeskOperator: .upTo(.minor), .helpdeskManager: .upTo(.minor),
            .incidentManager: .always, .responseTeam: .always,
        ],
        .startEradication: [
            .helpdeskOperator: .upTo(.minor), .helpdeskManager: .upTo(.minor),
            .incidentManager: .always, .responseTeam: .always,
        ],
        .resolve: [
            .helpdeskOperator: .upTo(.minor), .helpdeskManager: .upTo(.minor),
            .incidentManager: .always, .responseTeam: .always,
        ],
        .reopen: [.helpdeskManager: .upTo(.minor), .incidentManager: .always],
        // §4.5 "Fermer le ticket d'incident: Incident Management Team": the incident manager and
        // the response team, whatever the severity.
        .close: [.incidentManager: .always, .responseTeam: .always],
        // §4.5 "Effectuer le Post incident Review: Incident Management Team".
        .review: [.incidentManager: .always, .responseTeam: .always],
        .reject: [.helpdeskOperator: .always, .helpdeskManager: .always, .incidentManager: .always],
        // §4.3 "Exécuter les actions à prendre: Incident response team"; the helpdesk acts
        // in first line, and plan managers record what they did.
        .recordAction: Dictionary(uniqueKeysWithValues: handlers.map { ($0, .always) }),
        .addNote: Dictionary(uniqueKeysWithValues: handlers.map { ($0, .always) }),
        .completeChecklistStep: [
            .helpdeskOperator: .upTo(.minor), .helpdeskManager: .upTo(.minor),
            .incidentManager: .always, .responseTeam: .always,
        ],
        .pauseClock: [
            .helpdeskOperator: .upTo(.minor), .helpdeskManager: .upTo(.minor),
            .incidentManager: .always, .responseTeam: .always,
        ],
        // §4.3 "Faire remonter l'incident": the helpdesk manager, and the operator who holds it.
        .escalate: [.helpdeskOperator: .always, .helpdeskManager: .always],
        // §4.2.3 table: "Incident Manager vers le gestionnaire du Crisis Management Plan".
        .recordStatusReport: [.incidentManager: .always],
        // Chapter II: the managers warn one another along the flows (which flows are whose is
        // `PlanWarning`'s), and activating or standing down a plan is its own manager's act:
        // the warning and the activation are two acts, by two people.
        .warn: [
            .incidentManager: .always, .crisisManager: .always, .continuityManager: .always, .recoveryManager: .always,
        ],
        .activateBCP: [.continuityManager: .always],
        .activateCMP: [.crisisManager: .always],
        .activateDRP: [.recoveryManager: .always],
        .deactivateBCP: [.continuityManager: .always],
        .deactivateCMP: [.crisisManager: .always],
        .deactivateDRP: [.recoveryManager: .always],
        // §4.5 "Désactiver l'IRP": the incident manager's own act, before the ticket is closed.
        .deactivateIRP: [.incidentManager: .always],
        // §4.5: "en accord avec le gestionnaire du BCP et/ou du CMP".
        .agreeToCloseBCP: [.continuityManager: .always],
        .agreeToCloseCMP: [.crisisManager: .always],
        // Those who treat the incident keep its facts true; the helpdesk within its reach, and
        // the continuity manager, who passes on the activities and their RTO (note D).
        .editIncident: [
            .helpdeskOperator: .upTo(.minor), .helpdeskManager: .upTo(.minor),
            .incidentManager: .always, .responseTeam: .always, .continuityManager: .always,
        ],
        // §4.3 "le leader supervise tous les tickets": the helpdesk manager hands tickets out; the
        // incident manager designates who handles what he leads.
        .assignOwner: [.helpdeskManager: .always, .incidentManager: .always],
        // §4.2.3 step 4 is the incident manager's; the helpdesk manager staffs first-line work.
        .manageMembers: [.helpdeskManager: .upTo(.minor), .incidentManager: .always],
        // Chapter II G and H: the incident manager or the BCP manager informs clients and
        // suppliers; everyone handling the incident logs what they sent.
        .recordCommunication: Dictionary(uniqueKeysWithValues: handlers.map { ($0, .always) }),
        // §4.2.2 step 5 and §4.2.3 steps 3 and 8: those who treat the incident inform those it
        // touches (the helpdesk within its reach); the continuity and crisis managers speak for
        // their plans.
        .sendMessage: [
            .helpdeskOperator: .upTo(.minor), .helpdeskManager: .upTo(.minor), .incidentManager: .always,
            .responseTeam: .always, .continuityManager: .always, .crisisManager: .always,
        ],
        // Notes G and H: the incident manager, or the continuity manager once the BCP runs.
        .messageClientsAndSuppliers: [.incidentManager: .always, .continuityManager: .always],
        // Note D: the BCP manager passes on the activities and their RTO; the administrator keeps
        // the plan's settings.
        .manageActivities: [.continuityManager: .always, .admin: .always],
        // #17: any handler says what they know, at any stage; those who answer for the
        // notifications record them: the incident manager, the privacy officer, and the crisis
        // manager, who speaks for the organisation in a crisis.
        .assess: Dictionary(uniqueKeysWithValues: handlers.map { ($0, .always) }),
        .notifyAuthorities: [.incidentManager: .always, .crisisManager: .always, .privacyOfficer: .always],
        // §3.2: the incident manager carries out the plan for specific scenarios; chapter II's
        // tests of the continuity and crisis procedures are their managers'.
        .runExercise: [.incidentManager: .always, .continuityManager: .always, .crisisManager: .always],
        .writePlaybooks: [.incidentManager: .always, .admin: .always],
        .manageUsers: [.admin: .always],
        // Preparation (§4.1) is the organisation's plan: its administrator keeps it.
        .manageSettings: [.admin: .always],
    ]

    /// The scope one role has for an action, or nil when it has none.
    public static func scope(of role: Role, for action: Permission) -> PermissionScope? {
        cells[action]?[role]
    }

    /// Whether anyone holding these roles may do this action on an incident of this severity.
    public static func allows(_ roles: Set<Role>, _ action: Permission, severity: Severity? = nil) -> Bool {
        roles.contains { scope(of: $0, for: action)?.covers(severity) ?? false }
    }
}
