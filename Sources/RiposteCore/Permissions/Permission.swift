/// Something a role may be allowed to do: each is one row of the permission matrix.
public enum Permission: String, CaseIterable, Codable, Sendable {
    /// Report an incident or an event that may cause one (§4.2: every employee).
    case report
    /// See every incident of the register, not only one's own reports.
    case viewRegister
    /// Set type and severity of a reported incident (§4.2: whoever receives the report).
    case qualify
    /// Change the type or severity of a qualified incident (§4.2.3 step 2, §4.3 escalation).
    case requalify
    /// Start treating a qualified incident (§4.3).
    case startTreatment
    /// Move to eradication of the root cause (§4.4).
    case startEradication
    /// Declare the affected services back to normal (§4.5).
    case resolve
    /// Send a resolved incident back to treatment: it was not really over.
    case reopen
    /// Close the ticket and deactivate the IRP (§4.5).
    case close
    /// Mark the post-incident review done (§4.6).
    case review
    /// Set aside a report that is no incident, or a duplicate.
    case reject
    /// Record an action taken (§4.2 register, "actions prises").
    case recordAction
    /// Add a note to the journal.
    case addNote
    /// Tick a step of the severity's checklist.
    case completeChecklistStep
    /// Stop or restart the SLA clock (waiting on a supplier, say); the reason is journalled.
    case pauseClock
    /// Escalate the incident to the incident manager, with a note (§4.3 "Faire remonter
    /// l'incident en fonction de sa criticité", §3.1).
    case escalate
    /// Report periodically to the crisis manager: situation and expected recovery (§4.2.3 table).
    case recordStatusReport
    /// Warn another plan's manager along one of chapter II's flows (the sender's role decides
    /// which flows are theirs: `PlanWarning`).
    case warn
    /// Activate or stand down the continuity, crisis or recovery plan on an incident, or decline
    /// to activate it (chapter II): each plan's own manager.
    case activateBCP
    case activateCMP
    case activateDRP
    case deactivateBCP
    case deactivateCMP
    case deactivateDRP
    /// Deactivate the IRP once the incident is resolved, before closing it (§4.5).
    case deactivateIRP
    /// Agree, as the plan's manager, that the incident be closed (§4.5).
    case agreeToCloseBCP
    case agreeToCloseCMP
    /// Correct or complete the incident's facts as it goes: title, detailed description, impact,
    /// impacted activities, resources allocated, customers affected, team in charge (§4.2
    /// register, "Description détaillée").
    case editIncident
    /// Designate the employee who handles the incident (§4.2.1–§4.2.3 "l'employé désigné").
    case assignOwner
    /// Add people to the incident's response team, or take them off it (§4.2.3 step 4
    /// "Constituer l'équipe d'intervention").
    case manageMembers
    /// Log a communication sent about an incident (to staff, clients, suppliers…).
    case recordCommunication
    /// Send a message by e-mail from the incident to its reporter and stakeholders (§4.2.2
    /// step 5, §4.2.3 steps 3 and 8).
    case sendMessage
    /// Send it to clients and suppliers (notes G and H): which of the two holders speaks
    /// depends on whether the BCP runs (`Lifecycle.speakerToClientsAndSuppliers`).
    case messageClientsAndSuppliers
    /// Keep the essential activities and their RTO: add, correct, retire (note D: the continuity
    /// manager passes them on from the BCP).
    case manageActivities
    /// Assess an incident against the law: personal data, NIS2's significance, DORA's major
    /// incident, the awareness time (#17): whoever handles it.
    case assess
    /// Record what was sent to an authority or to the people concerned, or the decision not to
    /// notify (#17).
    case notifyAuthorities
    /// File an incident as an exercise, a drill of the plan (#20; chapter II "testées de manière
    /// approfondie", §3.2 "exécuter le plan … pour des scénarios spécifiques").
    case runExercise
    /// Write the severities' checklists and the scenario playbooks (#20 point 2; §3.2 the
    /// incident manager "élabore … le plan de gestion des incidents pour des scénarios
    /// spécifiques").
    case writePlaybooks
    /// Manage users and their roles.
    case manageUsers
    /// Change the plan's settings: SLA targets, essential activities and their RTO (§4.1).
    case manageSettings
}
