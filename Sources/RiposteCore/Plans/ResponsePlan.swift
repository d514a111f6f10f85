/// The four plans of chapter II. The incident response plan (IRP) runs with every incident;
/// the continuity (BCP), crisis (CMP) and disaster-recovery (DRP) plans are activated on
/// an incident when it calls for them.
public enum ResponsePlan: String, CaseIterable, Codable, Sendable, Comparable {
    case irp
    case bcp
    case cmp
    case drp

    /// The plans one may activate or deactivate on an incident.
    public static let activatable: [ResponsePlan] = [.bcp, .cmp, .drp]

    /// The plans whose manager must agree before the incident is closed (§4.5).
    public static let closingNeedsAgreement: [ResponsePlan] = [.bcp, .cmp]

    /// Whose plan it is: that manager is told of what happens to it.
    public var manager: Role {
        switch self {
        case .irp: .incidentManager
        case .bcp: .continuityManager
        case .cmp: .crisisManager
        case .drp: .recoveryManager
        }
    }

    /// The permission to activate this plan on an incident.
    public var activateAction: Permission? {
        switch self {
        case .irp: nil
        case .bcp: .activateBCP
        case .cmp: .activateCMP
        case .drp: .activateDRP
        }
    }

    /// The permission to deactivate it; the IRP's is the incident manager's, once resolved (§4.5).
    public var deactivateAction: Permission? {
        switch self {
        case .irp: .deactivateIRP
        case .bcp: .deactivateBCP
        case .cmp: .deactivateCMP
        case .drp: .deactivateDRP
        }
    }

    /// The permission to agree, for this plan, that the incident be closed.
    public var agreeToCloseAction: Permission? {
        switch self {
        case .bcp: .agreeToCloseBCP
        case .cmp: .agreeToCloseCMP
        case .irp, .drp: nil
        }
    }

    public static func < (lhs: ResponsePlan, rhs: ResponsePlan) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
