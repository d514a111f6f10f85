import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// `/api/v1/incidents/{id}/assessment` and `/obligations` (#17): the incident against the
/// GDPR, NIS2 and DORA, its clocks, and what was sent to the authorities.
extension IncidentAPIController {
    /// `PUT /assessment`: the whole assessment; a part left out (or null) is not involved.
    struct AssessmentBody: Content {
        struct PersonalData: Content {
            let dataCategories: String?
            let subjectCategories: String?
            let approximateSubjects: Int?
            let approximateRecords: Int?
            let consequences: String?
            let measures: String?
            let risk: RegulatoryAssessment.Risk
            let encrypted: Bool?
        }

        struct NIS2: Content {
            let severeDisruption: Bool?
            let financialLoss: Bool?
            let damageToOthers: Bool?
            let suspectedMalicious: Bool?
            let crossBorder: Bool?
        }

        struct DORA: Content {
            let major: Bool
            let classifiedAt: Date?
        }

        let awareAt: Date?
        let reason: String?
        let personalData: PersonalData?
        let nis2: NIS2?
        let dora: DORA?

        /// The assessment it says over `stored`: the awareness time, and the DORA classification
        /// of an incident already major, kept when not given.
        func assessment(over stored: RegulatoryAssessment) -> RegulatoryAssessment {
            let classified = dora?.classifiedAt ?? (stored.dora?.major == true ? stored.dora?.classifiedAt : nil)
            return RegulatoryAssessment(
                awareAt: awareAt ?? stored.awareAt,
                personalData: personalData.map {
                    .init(
                        dataCategories: $0.dataCategories ?? "", subjectCategories: $0.subjectCategories ?? "",
                        approximateSubjects: $0.approximateSubjects, approximateRecords: $0.approximateRecords,
                        consequences: $0.consequences ?? "", measures: $0.measures ?? "", risk: $0.risk,
                        encrypted: $0.encrypted ?? false)
                },
                nis2: nis2.map {
                    .init(
                        severeDisruption: $0.severeDisruption ?? false, financialLoss: $0.financialLoss ?? false,
                        damageToOthers: $0.damageToOthers ?? false, suspectedMalicious: $0.suspectedMalicious ?? false,
                        crossBorder: $0.crossBorder ?? false)
                },
                dora: dora.map { .init(major: $0.major, classifiedAt: $0.major ? classified : nil) })
        }
    }

    struct RecordDTO: Content {
        let id: UUID
        let kind: ObligationRecord.Kind
        let at: Date
        let recipient: String
        let reference: String
        let document: String
        let reason: String
        let recordedBy: UUID?
        let recordedAt: Date

        init(_ record: ObligationRecord) {
            (id, kind, at, recipient, reference) = (
                record.id, record.kind, record.at, record.recipient, record.reference
            )
            (document, reason, recordedBy, recordedAt) = (
                record.document, record.reason, record.recordedBy, record.recordedAt
            )
        }
    }

    struct ObligationDTO: Content {
        let id: String
        let regime: Regime
        let startsAt: Date
        let dueAt: Date?
        let status: ObligationClock.Status
        let overdue: Bool
        let provisional: Bool
        let settledAt: Date?
        let settledLate: Bool
        let records: [RecordDTO]

        init(_ clock: ObligationClock, records: [ObligationRecord], at now: Date) {
            id = clock.step.rawValue
            regime = clock.step.regime
            (startsAt, dueAt, status, provisional) = (clock.startsAt, clock.dueAt, clock.status, clock.provisional)
            (settledAt, settledLate, overdue) = (clock.settledAt, clock.settledLate, clock.isOverdue(at: now))
            self.records = records.filter { $0.step == clock.step }.map(RecordDTO.init)
        }
    }

    struct AssessmentDTO: Content {
        let incidentId: UUID
        let assessed: Bool
        let awareAt: Date
        let personalData: RegulatoryAssessment.PersonalData?
        let nis2: RegulatoryAssessment.NIS2?
        let nis2Significant: Bool?
        let dora: RegulatoryAssessment.DORA?
        let updatedAt: Date?
        let obligations: [ObligationDTO]
        /// Everything sent or decided, also for steps the assessment no longer calls for.
        let records: [StepRecordDTO]

        init(incident: UUID, view: IncidentActions.RegulatoryView, at now: Date) {
            incidentId = incident
            assessed = view.assessed
            awareAt = view.assessment.awareAt
            personalData = view.assessment.personalData
            nis2 = view.assessment.nis2
            nis2Significant = view.assessment.nis2?.significant
            dora = view.assessment.dora
            updatedAt = view.updatedAt
            obligations = view.clocks.map { ObligationDTO($0, records: view.records, at: now) }
            records = view.records.map(StepRecordDTO.init)
        }
    }

    struct StepRecordDTO: Content {
        let step: ObligationStep
        let record: RecordDTO

        init(_ record: ObligationRecord) {
            step = record.step
            self.record = RecordDTO(record)
        }
    }

    struct ObligationPageDTO: Content {
        let items: [ObligationDTO]
    }

    struct SubmissionBody: Content {
        let at: Date
        let recipient: String?
        let reference: String?
        let document: String?
        /// Why it comes late, when it does.
        let reason: String?
        /// A NIS2 progress report where the final report was due.
        let progress: Bool?
    }

    struct DecisionBody: Content {
        let at: Date?
        let reason: String
    }

    /// `GET /incidents/{id}/assessment`
    func assessment(_ req: Request) async throws -> Response {
        let (incident, view) = try await req.actions.regulation(try req.incidentReference())
        return try Response.json(
            AssessmentDTO(incident: incident.id, view: view, at: req.now), version: incident.version)
    }

    /// `PUT /incidents/{id}/assessment` (with `If-Match`).
    func saveAssessment(_ req: Request) async throws -> Response {
        let actions = try req.actions
        guard actions.actor.can(.assess) else { throw LifecycleError.forbidden(.assess) }
        let body = try req.decodeBody(AssessmentBody.self)
        let id = try await actions.assess(
            try req.incidentReference(), reason: body.reason, expectedVersion: try ETag.expectedVersion(req)
        ) { body.assessment(over: $0.assessment) }
        let (incident, saved) = try await actions.regulation(id.uuidString)
        return try Response.json(
            AssessmentDTO(incident: incident.id, view: saved, at: req.now), version: incident.version)
    }

    /// `GET /incidents/{id}/obligations`: each clock, its deadline and what settled it.
    func obligations(_ req: Request) async throws -> Response {
        let (incident, view) = try await req.actions.regulation(try req.incidentReference())
        return try Response.json(
            ObligationPageDTO(items: view.clocks.map { ObligationDTO($0, records: view.records, at: req.now) }),
            version: incident.version)
    }

    /// `POST /incidents/{id}/obligations/{step}/submissions`
    func submit(_ req: Request) async throws -> Response {
        let actions = try req.actions
        guard actions.actor.can(.notifyAuthorities) else { throw LifecycleError.forbidden(.notifyAuthorities) }
        let step = try Self.step(req)
        let body = try req.decodeBody(SubmissionBody.self)
        let record = ObligationRecord(
            id: UUID.random(), step: step, kind: body.progress == true ? .progress : .submission, at: body.at,
            recipient: body.recipient ?? "", reference: body.reference ?? "", document: body.document ?? "",
            reason: body.reason ?? "", recordedBy: actions.actor.id, recordedAt: actions.now)
        return try await recorded(record, by: actions, req)
    }

    /// `POST /incidents/{id}/obligations/{step}/decisions`: not to notify, and why.
    func decide(_ req: Request) async throws -> Response {
        let actions = try req.actions
        guard actions.actor.can(.notifyAuthorities) else { throw LifecycleError.forbidden(.notifyAuthorities) }
        let step = try Self.step(req)
        let body = try req.decodeBody(DecisionBody.self)
        let record = ObligationRecord(
            // The change's own time, not a later reading of the clock, which would be "in the future".
            id: UUID.random(), step: step, kind: .decision, at: body.at ?? actions.now, reason: body.reason,
            recordedBy: actions.actor.id, recordedAt: actions.now)
        return try await recorded(record, by: actions, req)
    }

    private func recorded(
        _ record: ObligationRecord, by actions: IncidentActions, _ req: Request
    ) async throws
        -> Response
    {
        let id = try await actions.recordObligation(try req.incidentReference(), record)
        let (incident, view) = try await actions.regulation(id.uuidString)
        guard let clock = view.clocks.first(where: { $0.step == record.step }) else {
            throw Refusal.notApplicable(record.step)
        }
        return try Response.json(
            ObligationDTO(clock, records: view.records, at: req.now), status: .created, version: incident.version)
    }

    struct DraftDTO: Content {
        let kind: ObligationStep
        let language: Language
        let markdown: String
    }

    /// `GET /incidents/{id}/reports/{step}`: the draft of what the step sends, pre-filled from the
    /// incident, in the organisation's language or `?language=`.
    func reportDraft(_ req: Request) async throws -> Response {
        let actions = try req.actions
        try actions.requireHandler()
        let query = req.queryParameters
        try query.refuseUnknown(["language"])
        var language: Language?
        if let raw = try query.value("language") {
            guard let parsed = Language(rawValue: raw) else { throw FieldError(field: "language", problem: .invalid) }
            language = parsed
        }
        let draft = try await actions.reportDraft(
            try req.incidentReference(), step: try Self.step(req), in: language)
        return try Response.json(
            DraftDTO(kind: try Self.step(req), language: draft.language, markdown: draft.markdown),
            version: draft.incident.version)
    }

    /// The step named in the path; an unknown one is no resource.
    static func step(_ req: Request) throws -> ObligationStep {
        guard let raw = req.parameters.get("step") ?? req.parameters.get("kind"),
            let step = ObligationStep(rawValue: raw)
        else {
            throw Refusal.notFound(.obligation)
        }
        return step
    }
}
