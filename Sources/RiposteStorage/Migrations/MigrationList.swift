import FluentKit
import FluentSQL

/// The schema's changelog, oldest first. A migration is never edited once shipped:
/// a change is a new migration appended here.
package enum MigrationList {
    package static let all: [any Migration] = [
        CreateUser(),  // people, with e-mail and bcrypt password hash
        CreateRoleAssignment(),  // the roles each person holds (§3)
        CreateAPIToken(),  // bearer tokens, stored hashed
        CreateEssentialActivity(),  // BCP essential activities and their RTO
        CreateIncidentCounter(),  // per-year sequence of register numbers
        CreateIncident(),  // the register (§4.2)
        CreateImpactedActivity(),  // which activities an incident impacts
        CreateJournalEntry(),  // append-only, hash-chained journal
        CreateChecklistItem(),  // steps of §4.2.1–§4.2.4 per incident
        AddIncidentSearchIndex(),  // trigram index for text search (FTS5 / pg_trgm)
        CreateSLATarget(),  // SLA targets per severity (§4.2.3)
        AddEscalationFieldsToIncident(),  // SLA clock pauses, status reports, expected recovery
        CreateEscalation(),  // escalations made, and each incident's next due time
        AddPlansToIncident(),  // BCP, CMP and DRP activations and closing agreements
        CreateNotificationOutbox(),  // in-app notifications, webhooks, deliveries and their attempts
        CreateWebAccess(),  // organisation (setup), sign-in throttling, web sessions
        CreateIncidentType(),  // types offered when qualifying
        CreateContacts(),  // annex 1 contacts; communications logged on incidents
        CreateReview(),  // post-incident reviews and follow-up actions
        CreateDocuments(),  // annex 2 reference documents
        CreatePlanVersions(),  // published plan versions and acknowledgements
        CreateIncidentParty(),  // clients and suppliers involved in an incident
        CreateOutboxEvents(),  // events waiting to be fanned out to notifications and deliveries
        MoveEscalationKeysToIncident(),  // the escalations made, on the incident's row
        AddDeadlineQueue(),  // PostgreSQL: next deadlines indexed in a table of their own
        CoverRegisterOrderWithSearchText(),  // PostgreSQL: searches for common words walk the register's order
        KeySearchIndexByRegisterOrder(),  // SQLite: the search index hands back matches newest first
        SearchNewestFirstByDistance(),  // PostgreSQL: the search index hands back matches newest first
        CreateWebSessions(),  // page sessions made at sign-in only, with idle and absolute timeouts
        CountSignInAttempts(),  // sign-in attempts counted before the check, with progressive delays
        AddAccountLifecycle(),  // disabled people, passwords to change, named tokens that expire
        CreateKnownDevices(),  // browsers that signed in before, exempt from the account's shared count
        AddPlanInvolvement(),  // plans warned, invoked, declined or stood down, and the IRP's deactivation
        AddPromotionToSLATargets(),  // whether a late minor incident becomes major by itself
        AddAcknowledgements(),  // alerts to answer, their stages; people away; e-mail per kind of event
        AddPausedBeforeSeverity(),  // a major's time counts from when it became major, without earlier pauses
        AddOwnersAndMembers(),  // each incident's owner, impact and resources; its response team's members
        IndexBreachedIncidents(),  // the incidents that missed a deadline, for the register's filter and the dashboard
        AddActivityRetirement(),  // essential activities retired, kept on the incidents that named them
        CreatePlanSettings(),  // the organisation's own settings of the plan (the review's reminder)
        AddMessageDeliveries(),  // messages sent from an incident: each e-mail tied to its communication
        CreateRegulatoryClocks(),  // assessments against the GDPR, NIS2 and DORA; what was sent to the authorities
        CreateCalendarFeeds(),  // each person's private calendar feed of their deadlines
        AddExercises(),  // drills: their own numbers, the outside channels each may use
        AddServiceTimes(),  // the SLA time each incident took to be qualified and resolved, for the metrics
        AddPlaybooks(),  // scenario playbooks; the words and role each checklist item was given
        CreateIntegrations(),  // monitoring integrations and the open incident of each alert key
        CreatePublicReports(),  // report links for clients, suppliers and visitors; their reports and updates
    ]
}
