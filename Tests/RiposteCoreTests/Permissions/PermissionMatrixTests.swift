import Testing

@testable import RiposteCore

@Suite("Permission matrix")
struct PermissionMatrixTests {
    // The expected matrix, written out independently of the implementation:
    // "A" = always, "m" = up to minor, "-" = not allowed.
    // Columns: reporter, helpdesk_operator, helpdesk_manager, incident_manager,
    // response_team, continuity_manager, crisis_manager, recovery_manager, privacy_officer, admin.
    static let expected: [Permission: String] = [
        .report: "AAAAAAAAAA",
        .viewRegister: "-AAAAAAAAA",
        .qualify: "-AAA------",
        .requalify: "--mA--A---",
        .startTreatment: "-mmAA-----",
        .startEradication: "-mmAA-----",
        .resolve: "-mmAA-----",
        .reopen: "--mA------",
        .close: "---AA-----",
        .review: "---AA-----",
        .reject: "-AAA------",
        .recordAction: "-AAAAAAAA-",
        .addNote: "-AAAAAAAA-",
        .completeChecklistStep: "-mmAA-----",
        .pauseClock: "-mmAA-----",
        .escalate: "-AA-------",
        .recordStatusReport: "---A------",
        .warn: "---A-AAA--",
        .activateBCP: "-----A----",
        .activateCMP: "------A---",
        .activateDRP: "-------A--",
        .deactivateBCP: "-----A----",
        .deactivateCMP: "------A---",
        .deactivateDRP: "-------A--",
        .deactivateIRP: "---A------",
        .agreeToCloseBCP: "-----A----",
        .agreeToCloseCMP: "------A---",
        .editIncident: "-mmAAA----",
        .assignOwner: "--AA------",
        .manageMembers: "--mA------",
        .recordCommunication: "-AAAAAAAA-",
        .sendMessage: "-mmAAAA---",
        .messageClientsAndSuppliers: "---A-A----",
        .manageActivities: "-----A---A",
        .assess: "-AAAAAAAA-",
        .notifyAuthorities: "---A--A-A-",
        .runExercise: "---A-AA---",
        .writePlaybooks: "---A-----A",
        .manageUsers: "---------A",
        .manageSettings: "---------A",
    ]

    static let roleOrder: [Role] = [
        .reporter, .helpdeskOperator, .helpdeskManager, .incidentManager, .responseTeam,
        .continuityManager, .crisisManager, .recoveryManager, .privacyOfficer, .admin,
    ]

    static let cells: [(Permission, Role)] = Permission.allCases.flatMap { action in roleOrder.map { (action, $0) } }

    @Test("every action has an expected row") func everyActionCovered() {
        #expect(Set(Self.expected.keys) == Set(Permission.allCases))
        #expect(Set(Self.roleOrder) == Set(Role.allCases))
    }

    @Test("each cell matches the plan's tables", arguments: cells)
    func cell(action: Permission, role: Role) throws {
        let row = try #require(Self.expected[action])
        let index = try #require(Self.roleOrder.firstIndex(of: role))
        let symbol = row[row.index(row.startIndex, offsetBy: index)]
        for severity in Severity.allCases {
            let allowed = PermissionMatrix.allows([role], action, severity: severity)
            switch symbol {
            case "A": #expect(allowed, "\(role) should \(action) a \(severity) incident")
            case "m": #expect(allowed == (severity <= .minor), "\(role) \(action) on \(severity)")
            default: #expect(!allowed, "\(role) must not \(action) a \(severity) incident")
            }
        }
    }

    @Test("holding several roles grants the union") func unionOfRoles() {
        #expect(!PermissionMatrix.allows([.reporter, .admin], .qualify))
        #expect(PermissionMatrix.allows([.reporter, .helpdeskOperator], .qualify))
        #expect(PermissionMatrix.allows([.helpdeskOperator, .responseTeam], .resolve, severity: .major))
    }

    @Test("no role means no permission at all") func noRoles() {
        for action in Permission.allCases {
            #expect(!PermissionMatrix.allows([], action, severity: .low))
        }
    }
}
