import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// `/incidents/{number}/assessment` (#17): the incident against the GDPR, NIS2 and DORA — the
/// assessment form, the deadlines that follow with the time left, what was sent, and the forms
/// that record a submission or a decision not to notify. The same `IncidentActions` as the API.
struct AssessmentPageController {
    struct Page: Encodable {
        struct Record: Encodable {
            let step: String
            let kind: String
            let at: String
            let recipient: String
            let reference: String
            let reason: String
            let document: String
        }

        struct Clock: Encodable {
            let step: String
            let due: String
            /// The time left, or how long past ("dans 3 h", "dépassé de 2 h").
            let left: String
            let status: String
            let open: Bool
            let overdue: Bool
            let provisional: Bool
            let late: Bool
            let progressAllowed: Bool
            let records: [Record]
            let form: FormState
            let decision: FormState
        }

        struct Authority: Encodable {
            let regime: String
            let name: String
            let link: String
        }

        struct Choice: Encodable {
            let code: String
            let selected: Bool
        }

        let page: PageFrame
        let number: String
        let version: Int
        let assessed: Bool
        let canAssess: Bool
        let canNotify: Bool
        let nis2Applies: Bool
        let doraApplies: Bool
        let clocks: [Clock]
        /// What was sent or decided for steps the assessment no longer calls for: kept, shown.
        let otherRecords: [Record]
        let authorities: [Authority]
        let privacyContact: String
        let risks: [Choice]
        let form: FormState
        let now: String
    }

    /// The assessment form's fields, as the page posts them.
    struct Fields: Content {
        var version: Int?
        var awareAt: String?
        var reason: String?
        var personalData: String?
        var dataCategories: String?
        var subjectCategories: String?
        var approximateSubjects: String?
        var approximateRecords: String?
        var consequences: String?
        var measures: String?
        var risk: String?
        var encrypted: String?
        var severeDisruption: String?
        var financialLoss: String?
        var damageToOthers: String?
        var suspectedMalicious: String?
        var crossBorder: String?
        var doraMajor: String?
        var doraClassifiedAt: String?
    }

    /// A submission's or a decision's fields.
    struct RecordFields: Content {
        var at: String?
        var recipient: String?
        var reference: String?
        var document: String?
        var reason: String?
        var progress: String?
    }

    /// The core's field names as the form names them.
    static let formField: [String: String] = [
        "personalData.dataCategories": "dataCategories", "personalData.subjectCategories": "subjectCategories",
        "personalData.approximateSubjects": "approximateSubjects",
        "personalData.approximateRecords": "approximateRecords", "personalData.consequences": "consequences",
        "personalData.measures": "measures", "dora.classifiedAt": "doraClassifiedAt",
    ]

    func show(_ req: Request) async throws -> Response {
        try await render(req)
    }

    func save(_ req: Request) async throws -> Response {
        let number = try IncidentPageController().number(req)
        let actions = try req.actions
        guard actions.actor.can(.assess) else { throw LifecycleError.forbidden(.assess) }
        let fields = try req.content.decode(Fields.self)
        var typed = FormState(formName: "assessment")
        typed.values = Self.values(of: fields)
        do {
            let assessment = try Self.assessment(from: fields, req)
            let zone = req.organisation.timeZone
            let minute = { @Sendable (date: Date?) in Self.minute(date, in: zone) }
            let shown = (aware: fields.awareAt, classified: fields.doraClassifiedAt)
            try await actions.assess(number, reason: fields.reason, expectedVersion: fields.version) { view in
                var assessment = assessment
                let stored = view.assessment
                // The form shows times to the minute: one left as shown keeps its stored second.
                if shown.aware == minute(stored.awareAt) { assessment.awareAt = stored.awareAt }
                if let classified = stored.dora?.classifiedAt, shown.classified == minute(classified) {
                    assessment.dora?.classifiedAt = classified
                }
                // A regime the organisation is not under has no questions on the page: what the
                // API answered for it stays.
                if !view.settings.applies(.nis2) { assessment.nis2 = stored.nis2 }
                if !view.settings.applies(.dora) { assessment.dora = stored.dora }
                return assessment
            }
            req.leaveNotice("assessment.saved")
            return req.redirect(to: .assessment(number: number))
        } catch {
            return try await refused(error, req, form: typed)
        }
    }

    struct DraftPage: Encodable {
        let page: PageFrame
        let number: String
        let step: String
        let html: String
        let markdown: String
        let canNotify: Bool
        let now: String
    }

    /// The draft of what a step sends, formatted to print, and as text to complete and record.
    func draft(_ req: Request) async throws -> Response {
        let (number, step) = (try IncidentPageController().number(req), try Self.step(req))
        let draft = try await req.actions.reportDraft(number, step: step, in: nil)
        let page = DraftPage(
            page: try await req.frame("draft.title", number), number: number, step: step.rawValue,
            html: PlanMarkdown.html(draft.markdown), markdown: draft.markdown,
            canNotify: try req.actingPerson.can(.notifyAuthorities), now: req.localInput(req.now))
        return try await req.view.render("draft", page).encodeResponse(for: req)
    }

    func draftMarkdown(_ req: Request) async throws -> Response {
        let (number, step) = (try IncidentPageController().number(req), try Self.step(req))
        let draft = try await req.actions.reportDraft(number, step: step, in: nil)
        let response = Response(status: .ok, body: .init(string: draft.markdown))
        response.headers.contentType = HTTPMediaType(
            type: "text", subType: "markdown", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"\(step.rawValue)-\(number).md\"")
        return response
    }

    static func step(_ req: Request) throws -> ObligationStep {
        guard let step = req.parameters.get("step").flatMap(ObligationStep.init(rawValue:)) else {
            throw Refusal.notFound(.obligation)
        }
        return step
    }

    func submit(_ req: Request) async throws -> Response {
        try await record(req, decision: false)
    }

    func decide(_ req: Request) async throws -> Response {
        try await record(req, decision: true)
    }

    private func record(_ req: Request, decision: Bool) async throws -> Response {
        let number = try IncidentPageController().number(req)
        let step = try Self.step(req)
        guard try req.actingPerson.can(.notifyAuthorities) else { throw LifecycleError.forbidden(.notifyAuthorities) }
        let fields = try req.content.decode(RecordFields.self)
        var typed = FormState(formName: step.rawValue + (decision ? ".decision" : ".submission"))
        typed.values = [
            "at": fields.at ?? "", "recipient": fields.recipient ?? "", "reference": fields.reference ?? "",
            "document": fields.document ?? "", "reason": fields.reason ?? "",
        ]
        do {
            let actions = try req.actions
            let at: Date
            if decision {
                at = actions.now
            } else {
                let parsed = try req.parseLocal(fields.at).mapError { FieldError(field: "at", problem: $0.problem) }
                    .get()
                guard let parsed else { throw FieldError(field: "at", problem: .required) }
                at = parsed
            }
            let kind: ObligationRecord.Kind = decision ? .decision : (fields.progress == "1" ? .progress : .submission)
            try await actions.recordObligation(
                number,
                ObligationRecord(
                    id: UUID.random(), step: step, kind: kind, at: at, recipient: fields.recipient ?? "",
                    reference: fields.reference ?? "", document: fields.document ?? "", reason: fields.reason ?? "",
                    recordedBy: actions.actor.id, recordedAt: actions.now))
            if decision { req.leaveNotice("assessment.decided") } else { req.leaveNotice("assessment.submitted") }
            return req.redirect(to: .assessment(number: number))
        } catch {
            return try await refused(error, req, form: typed)
        }
    }

    /// A refusal the person can fix comes back as the page, the message beside its field and
    /// what was typed kept; a stale form shows the page as it is now.
    private func refused(_ error: any Error, _ req: Request, form: FormState) async throws -> Response {
        guard let refusal = APIError.refusing(error),
            [.unprocessableEntity, .preconditionFailed, .conflict].contains(refusal.status)
        else { throw error }
        var form = form
        if refusal.status == .preconditionFailed {
            return try await render(req, alert: req.t("incident.stale"), status: refusal.status)
        }
        // A refusal about the step itself (409) is the form's, said above its button.
        let field = refusal.field.flatMap { $0 == "step" ? nil : Self.formField[$0] ?? $0 } ?? "form"
        form.errors[field] = req.message(for: refusal)
        return try await render(req, form: form, alert: req.t("form.fix"), status: refusal.status)
    }

    /// A time as a `datetime-local` field shows it, in `zone` (as `Request.localInput`).
    static func minute(_ date: Date?, in zone: TimeZone) -> String {
        guard let date else { return "" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.string(from: date)
    }

    /// The assessment the form says: parts left unticked are not involved.
    static func assessment(from fields: Fields, _ req: Request) throws -> RegulatoryAssessment {
        func ticked(_ value: String?) -> Bool { value == "1" }
        func count(_ value: String?, field: String) throws -> Int? {
            guard let text = value?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let number = Int(text.replacingOccurrences(of: " ", with: "")) else {
                throw FieldError(field: field, problem: .invalid)
            }
            return number
        }
        let aware = try req.parseLocal(fields.awareAt).mapError { FieldError(field: "awareAt", problem: $0.problem) }
            .get()
        let classified = try req.parseLocal(fields.doraClassifiedAt).mapError {
            FieldError(field: "doraClassifiedAt", problem: $0.problem)
        }.get()
        guard let aware else { throw FieldError(field: "awareAt", problem: .required) }
        var personalData: RegulatoryAssessment.PersonalData?
        if ticked(fields.personalData) {
            guard let risk = fields.risk.flatMap(RegulatoryAssessment.Risk.init(rawValue:)) else {
                throw FieldError(field: "risk", problem: .required)
            }
            personalData = .init(
                dataCategories: fields.dataCategories ?? "", subjectCategories: fields.subjectCategories ?? "",
                approximateSubjects: try count(fields.approximateSubjects, field: "approximateSubjects"),
                approximateRecords: try count(fields.approximateRecords, field: "approximateRecords"),
                consequences: fields.consequences ?? "", measures: fields.measures ?? "", risk: risk,
                encrypted: ticked(fields.encrypted))
        }
        let nis2 = RegulatoryAssessment.NIS2(
            severeDisruption: ticked(fields.severeDisruption), financialLoss: ticked(fields.financialLoss),
            damageToOthers: ticked(fields.damageToOthers), suspectedMalicious: ticked(fields.suspectedMalicious),
            crossBorder: ticked(fields.crossBorder))
        return RegulatoryAssessment(
            awareAt: aware, personalData: personalData,
            nis2: nis2 == RegulatoryAssessment.NIS2() ? nil : nis2,
            dora: ticked(fields.doraMajor) ? .init(major: true, classifiedAt: classified) : nil)
    }

    static func values(of fields: Fields) -> [String: String] {
        var values: [String: String] = [:]
        let pairs: [(String, String?)] = [
            ("awareAt", fields.awareAt), ("reason", fields.reason), ("personalData", fields.personalData),
            ("dataCategories", fields.dataCategories), ("subjectCategories", fields.subjectCategories),
            ("approximateSubjects", fields.approximateSubjects), ("approximateRecords", fields.approximateRecords),
            ("consequences", fields.consequences), ("measures", fields.measures), ("risk", fields.risk),
            ("encrypted", fields.encrypted), ("severeDisruption", fields.severeDisruption),
            ("financialLoss", fields.financialLoss), ("damageToOthers", fields.damageToOthers),
            ("suspectedMalicious", fields.suspectedMalicious), ("crossBorder", fields.crossBorder),
            ("doraMajor", fields.doraMajor), ("doraClassifiedAt", fields.doraClassifiedAt),
        ]
        for (name, value) in pairs { values[name] = value ?? "" }
        return values
    }

    /// The stored assessment as the form shows it.
    static func values(of assessment: RegulatoryAssessment, _ req: Request) -> [String: String] {
        let data = assessment.personalData
        let nis2 = assessment.nis2
        func flag(_ value: Bool?) -> String { value == true ? "1" : "" }
        return [
            "awareAt": req.localInput(assessment.awareAt), "reason": "", "personalData": flag(data != nil),
            "dataCategories": data?.dataCategories ?? "", "subjectCategories": data?.subjectCategories ?? "",
            "approximateSubjects": data?.approximateSubjects.map(String.init) ?? "",
            "approximateRecords": data?.approximateRecords.map(String.init) ?? "",
            "consequences": data?.consequences ?? "", "measures": data?.measures ?? "",
            "risk": data?.risk.rawValue ?? "", "encrypted": flag(data?.encrypted),
            "severeDisruption": flag(nis2?.severeDisruption), "financialLoss": flag(nis2?.financialLoss),
            "damageToOthers": flag(nis2?.damageToOthers), "suspectedMalicious": flag(nis2?.suspectedMalicious),
            "crossBorder": flag(nis2?.crossBorder), "doraMajor": flag(assessment.dora?.major),
            "doraClassifiedAt": req.localInput(assessment.dora?.classifiedAt),
        ]
    }

    private func render(
        _ req: Request, form: FormState? = nil, alert: String? = nil, status: HTTPStatus = .ok
    ) async throws -> Response {
        let actions = try req.actions
        let (incident, view) = try await actions.regulation(try IncidentPageController().number(req))
        let now = req.now
        let stored = FormState(formName: "assessment", values: Self.values(of: view.assessment, req))
        let assessmentForm = form?.formName == "assessment" ? form! : stored
        let clocks = view.clocks.map { clock in
            let records = view.records.filter { $0.step == clock.step }.map { record in
                Page.Record(
                    step: record.step.rawValue, kind: record.kind.rawValue, at: req.display(record.at),
                    recipient: record.recipient,
                    reference: record.reference, reason: record.reason, document: record.document)
            }
            var left = ""
            if clock.isOpen, let due = clock.dueAt {
                left =
                    due >= now
                    ? req.t("assessment.left", req.duration(Countdown(to: due, from: now)))
                    : req.t("assessment.pastBy", req.duration(Countdown(to: now, from: due)))
            }
            func typed(_ name: String) -> FormState? {
                form.flatMap { $0.formName == clock.step.rawValue + "." + name ? $0 : nil }
            }
            return Page.Clock(
                step: clock.step.rawValue, due: req.display(clock.dueAt), left: left, status: clock.status.rawValue,
                open: clock.isOpen, overdue: clock.isOverdue(at: now), provisional: clock.provisional,
                late: clock.settledLate, progressAllowed: clock.step == .nis2FinalReport && clock.isOpen,
                records: records,
                form: typed("submission")
                    ?? FormState(formName: clock.step.rawValue, values: ["at": req.localInput(now)]),
                decision: typed("decision") ?? FormState(formName: clock.step.rawValue))
        }
        let settings = view.settings
        let page = Page(
            page: try await req.frame("assessment.title", incident.number, alert: alert), number: incident.number,
            version: incident.version, assessed: view.assessed, canAssess: actions.actor.can(.assess),
            canNotify: actions.actor.can(.notifyAuthorities), nis2Applies: settings.applies(.nis2),
            doraApplies: settings.applies(.dora), clocks: clocks,
            otherRecords: view.records.filter { record in !view.clocks.contains { $0.step == record.step } }.map {
                Page.Record(
                    step: $0.step.rawValue, kind: $0.kind.rawValue, at: req.display($0.at), recipient: $0.recipient,
                    reference: $0.reference, reason: $0.reason, document: $0.document)
            },
            authorities: settings.authorities.filter { settings.applies($0.regime) }.map {
                .init(regime: $0.regime.rawValue, name: $0.name, link: $0.link)
            }, privacyContact: settings.privacyContact,
            risks: RegulatoryAssessment.Risk.allCases.map {
                .init(code: $0.rawValue, selected: assessmentForm.values["risk"] == $0.rawValue)
            }, form: assessmentForm, now: req.localInput(now))
        let response = try await req.view.render("assessment", page).encodeResponse(for: req)
        response.status = status
        return response
    }
}
