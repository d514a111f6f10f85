/// What a journal entry records.
public enum JournalKind: String, CaseIterable, Codable, Sendable {
    case reported
    case qualified
    case requalified
    case statusChanged = "status_changed"
    case action
    case note
    case checklistStepDone = "checklist_step_done"
    /// A qualification followed a scenario playbook: its name and version (#20 point 2).
    case playbookApplied = "playbook_applied"
    case clockPaused = "clock_paused"
    case clockResumed = "clock_resumed"
    case statusReport = "status_report"
    case escalated
    /// The helpdesk escalated the incident to the incident manager, with a note (§4.3).
    case escalatedToManager = "escalated_to_manager"
    case planActivated = "plan_activated"
    case planDeactivated = "plan_deactivated"
    case planCloseAgreed = "plan_close_agreed"
    /// A manager warned another plan's manager along a flow of chapter II, with a message.
    case planWarned = "plan_warned"
    /// A crisis qualification invoked the CMP (§4.2.4): its manager is to decide.
    case planInvoked = "plan_invoked"
    /// The plan's manager decided not to activate it, and said why.
    case planDeclined = "plan_declined"
    /// A communication sent about the incident, logged (§4.3, annex 1).
    case communication
    /// The post-incident review was written or changed (§4.6).
    case reviewUpdated = "review_updated"
    /// A client or supplier of the directory named on the incident (who reported, who is affected).
    case partyLinked = "party_linked"
    /// A fact of the incident corrected or completed: which field, before and after.
    case edited
    /// The employee designated to handle the incident (§4.2.1–§4.2.3), or another in their place.
    case ownerAssigned = "owner_assigned"
    /// Someone added to the incident's response team (§4.2.3 step 4), or taken off it.
    case memberAdded = "member_added"
    case memberRemoved = "member_removed"
    /// The incident assessed against the law, or its assessment changed (#17): the answers
    /// that changed, the awareness time moved and why.
    case assessed
    /// Something sent to an authority or the people concerned: a notification, a report.
    case obligationSubmitted = "obligation_submitted"
    /// The decision not to notify, with its reason.
    case obligationNotNotified = "obligation_not_notified"
    /// A deadline of the law coming: half its time gone, or three quarters.
    case obligationReminder = "obligation_reminder"
    /// A deadline of the law passed with nothing sent.
    case obligationOverdue = "obligation_overdue"
    /// A monitoring alert about the incident: firing (its labels and the link back to its
    /// source) or resolved at the source (#18).
    case monitoringAlert = "monitoring_alert"
    /// Who reported the incident from outside, through a report link: name, address, phone,
    /// the client or supplier the link was given to (#18 point 1).
    case reportedFromOutside = "reported_from_outside"
    /// An update a handler published on the reporter's follow-up page, with its words.
    case publicUpdate = "public_update"
    /// What the reporter added through their follow-up link.
    case reporterInformation = "reporter_information"
    /// An e-mail answering a message about the incident, or naming its number, read by
    /// `riposte intake mail`: its new words, who sent it, its subject (#18 point 3).
    case mailReceived = "mail_received"

    /// What the person who reported an incident sees of its journal (#13): their report and its
    /// moves from status to status, with the reason given (a rejection, a reopening); not the
    /// handlers' notes and actions, checklist, clock, escalations, plans or messages.
    public var isPublic: Bool { self == .reported || self == .statusChanged }

    /// Kinds a person may write by hand through the journal endpoint.
    public static let writable: [JournalKind] = [.action, .note]
}
