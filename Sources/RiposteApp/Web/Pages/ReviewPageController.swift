import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// `/incidents/{number}/review`: the post-incident review of §4.6, pre-filled from the
/// incident; its print view and its Markdown export.
struct ReviewPageController {
    struct Page: Encodable {
        struct Choice: Encodable {
            let code: String
            let label: String
            let selected: Bool
        }

        struct Question: Encodable {
            let key: String
            let label: String
            let kind: String
            let required: Bool
            let value: String
            /// What the print view and the export show: the value, or the chosen answer's words.
            let display: String
            let choices: [Choice]
            let error: String?
        }

        struct Section: Encodable {
            let title: String
            let questions: [Question]
        }

        let page: PageFrame
        let number: String
        let version: Int
        let complete: Bool
        let missing: Int
        let editable: Bool
        let sections: [Section]
    }

    func show(_ req: Request) async throws -> Response {
        try await render(req, template: "review")
    }

    func print(_ req: Request) async throws -> Response {
        try await render(req, template: "review-print")
    }

    func markdown(_ req: Request) async throws -> Response {
        let (incident, sections) = try await content(req, answers: nil, errors: [:])
        var lines = ["# " + req.t("review.heading", incident.number), ""]
        for section in sections {
            lines += ["## " + section.title, ""]
            for question in section.questions {
                lines.append("- **\(question.label)**: \(question.display.isEmpty ? "—" : question.display)")
            }
            lines.append("")
        }
        let response = Response(status: .ok, body: .init(string: lines.joined(separator: "\n")))
        response.headers.contentType = HTTPMediaType(
            type: "text", subType: "markdown", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"review-\(incident.number).md\"")
        return response
    }

    func save(_ req: Request) async throws -> Response {
        let number = try IncidentPageController().number(req)
        let fields = (try? req.content.decode([String: String].self)) ?? [:]
        var answers: [String: String] = [:]
        for question in ReviewForm.questions where question.kind != .prefilled {
            if let value = fields[question.key] { answers[question.key] = value }
        }
        // The organisation's own questions (#20 point 3), retired ones an answer still holds.
        for question in try await ReviewQuestionStore.questions(on: req.db.sql()) {
            if let value = fields[question.key] { answers[question.key] = value }
        }
        // A suggestion left as shown is not a correction: it keeps following the incident.
        if ReviewForm.questions.contains(where: { $0.kind == .suggested }) {
            let incident = try await req.actions.find(number)
            let prefill = try await IncidentActions.prefill(incident, on: req.db.sql())
            for question in ReviewForm.questions where question.kind == .suggested {
                if answers[question.key]?.trimmingCharacters(in: .whitespacesAndNewlines)
                    == Self.prefilled(question.key, prefill, req)
                {
                    answers[question.key] = nil
                }
            }
        }
        do {
            try await req.actions.saveReview(
                number, answers: answers, expectedVersion: fields["version"].flatMap(Int.init))
            req.leaveNotice("review.saved")
            return req.redirect(to: .review(number: number))
        } catch {
            guard let error = APIError.refusing(error),
                error.status == .unprocessableEntity || error.status == .preconditionFailed
            else { throw error }
            var errors: [String: String] = [:]
            if let field = error.field {
                errors[field.replacingOccurrences(of: "answers.", with: "")] = req.message(for: error)
            }
            let alert = error.status == .preconditionFailed ? req.t("incident.stale") : req.t("form.fix")
            return try await render(
                req, template: "review", answers: answers, errors: errors, alert: alert, status: error.status)
        }
    }

    private func render(
        _ req: Request, template: String, answers: [String: String]? = nil, errors: [String: String] = [:],
        alert: String? = nil, status: HTTPStatus = .ok
    ) async throws -> Response {
        let (incident, sections) = try await content(req, answers: answers, errors: errors)
        let stored = try await IncidentActions.answers(of: incident.id, on: req.db.sql())
        let editable = (try? Lifecycle.writeReview(incident.state, roles: try req.actingPerson.roles).get()) != nil
        let page = Page(
            page: try await req.frame("review.title", incident.number, alert: alert), number: incident.number,
            version: incident.version, complete: incident.reviewComplete, missing: ReviewRules.missing(stored).count,
            editable: editable, sections: sections)
        let response = try await req.view.render(template, page).encodeResponse(for: req)
        response.status = status
        return response
    }

    /// The form in the reader's language, with the answers (as typed, or as stored) and the
    /// pre-filled values.
    private func content(
        _ req: Request, answers typed: [String: String]?, errors: [String: String]
    ) async throws
        -> (IncidentRow, [Page.Section])
    {
        let actions = try req.actions
        let incident = try await actions.find(try IncidentPageController().number(req))
        try actions.requireHandler()
        let sql = try req.db.sql()
        var answers = typed ?? [:]
        if typed == nil { answers = try await IncidentActions.answers(of: incident.id, on: sql) }
        let prefill = try await IncidentActions.prefill(incident, on: sql)
        let extra = ExtraQuestions.shown(try await ReviewQuestionStore.questions(on: sql), answers: answers)
        let sections = ReviewForm.sections.map { section in
            let added = extra.filter { $0.section == section.key }.map {
                let value = answers[$0.key] ?? ""
                return Page.Question(
                    key: $0.key, label: $0.text, kind: "text", required: false, value: value, display: value,
                    choices: [], error: errors[$0.key])
            }
            return Page.Section(
                title: req.t(section.titleKey),
                questions: section.questions.map { question in
                    let label = req.t(question.textKey)
                    switch question.kind {
                    case .prefilled:
                        let value = Self.prefilled(question.key, prefill, req)
                        return Page.Question(
                            key: question.key, label: label, kind: "prefilled", required: false, value: value,
                            display: value, choices: [], error: nil)
                    case .text, .suggested:
                        // A suggested answer shows the incident's until someone corrects it.
                        let value =
                            answers[question.key]
                            ?? (question.kind == .suggested ? Self.prefilled(question.key, prefill, req) : "")
                        return Page.Question(
                            key: question.key, label: label, kind: "text", required: question.required, value: value,
                            display: value, choices: [], error: errors[question.key])
                    case .yesNo, .choice:
                        var options = ["yes", "no"]
                        if case .choice(let listed) = question.kind { options = listed }
                        // The RTO question suggests what the recovery times say, until answered.
                        let value =
                            answers[question.key]
                            ?? (question.key == "management.rto" ? prefill.suggestedRTOAnswer : nil)
                            ?? ""
                        let words = { (code: String) in
                            ReviewForm.choices.contains(code) ? req.t(ReviewForm.choiceKey(code)) : code
                        }
                        return Page.Question(
                            key: question.key, label: label, kind: "choice", required: question.required, value: value,
                            display: value.isEmpty ? "" : words(value),
                            choices: options.map { Page.Choice(code: $0, label: words($0), selected: $0 == value) },
                            error: errors[question.key])
                    }
                } + added)
        }
        return (incident, sections)
    }

    /// A pre-filled answer in words.
    static func prefilled(_ key: String, _ prefill: ReviewPrefill, _ req: Request) -> String {
        let yesNo = { (flag: Bool) in req.t(flag ? "common.yes" : "common.no") }
        switch key {
        case "number": return prefill.number
        case "detectedAt": return req.display(prefill.detectedAt)
        case "resolvedAt": return req.display(prefill.resolvedAt)
        case "type": return prefill.type ?? ""
        case "severity": return prefill.severity.map { req.t("severity.\($0.rawValue)") } ?? ""
        case "customersAffected": return yesNo(prefill.customersAffected)
        case "manager": return prefill.manager ?? ""
        case "description": return prefill.description
        case "plansActivated":
            return prefill.plansActivated.isEmpty
                ? req.t("review.none") : prefill.plansActivated.map { $0.rawValue.uppercased() }.joined(separator: ", ")
        case "cmpActivated": return yesNo(prefill.cmpActivated)
        case "communication.media":
            return prefill.media.isEmpty
                ? req.t("review.none") : prefill.media.map { req.t("media.\($0.rawValue)") }.joined(separator: ", ")
        case "communication.firstAndFrequency":
            guard let first = prefill.firstCommunicationAt else { return req.t("review.none") }
            let every = prefill.updateInterval.map { req.duration(seconds: Int($0)) } ?? "—"
            return req.t("review.firstAndFrequency", req.display(first), every)
        case "relatedIncidents":
            return prefill.related.isEmpty ? req.t("review.none") : prefill.related.joined(separator: ", ")
        case "recoveryVsRTO":
            let recovery = prefill.recoveryTime.map { req.duration(seconds: Int($0)) } ?? "—"
            let lines = prefill.activities.map {
                req.t($0.met ? "review.rto.met" : "review.rto.missed", $0.name, req.duration(seconds: $0.rto.seconds))
            }
            return ([req.t("review.recovery", recovery)] + lines).joined(separator: "\n")
        default: return ""
        }
    }
}

/// `/lessons`: the reviews, the open follow-ups, and incidents grouped by type (the review's
/// "related incidents" across the register).
struct LessonsPageController {
    struct Page: Encodable {
        struct Review: Encodable {
            let number: String
            let title: String
            let complete: Bool
        }

        struct FollowUp: Encodable {
            let id: UUID
            let title: String
            let number: String?
            let owner: String
            let dueOn: String?
        }

        struct TypeGroup: Encodable {
            let type: String
            let count: Int
            let numbers: [String]
        }

        let page: PageFrame
        let reviews: [Review]
        /// Closed incidents whose review is still to be done (#16 point 5), the longest waiting first.
        let awaiting: [Awaiting]

        struct Awaiting: Encodable {
            let number: String
            let title: String
            let closedAt: String
        }
        let followUps: [FollowUp]
        let types: [TypeGroup]
        let canEdit: Bool
        let roles: [String]
        let form: FormState
    }

    func show(_ req: Request) async throws -> Response { try await render(req, form: FormState()) }

    func addFollowUp(_ req: Request) async throws -> Response {
        let fields = (try? req.content.decode([String: String].self)) ?? [:]
        do {
            try await req.followUps.create(
                FollowUpActions.NewFollowUp(
                    incidentId: nil, title: fields["title"] ?? "", ownerId: nil,
                    ownerRole: fields["ownerRole"].flatMap(Role.init), dueOn: fields["dueOn"]))
            req.leaveNotice("lessons.followUp.done")
            return req.redirect(to: .lessons)
        } catch {
            guard let error = APIError.refusing(error), error.status == .unprocessableEntity else { throw error }
            var form = FormState(values: ["title": fields["title"] ?? "", "dueOn": fields["dueOn"] ?? ""])
            form.errors[error.field ?? "title"] = req.message(for: error)
            return try await render(req, form: form, status: .unprocessableEntity)
        }
    }

    func markDone(_ req: Request) async throws -> Response {
        guard let id = req.parameter(.id, as: UUID.self) else { throw Refusal.notFound(.followUp) }
        try await req.followUps.setStatus(id, .done)
        req.leaveNotice("lessons.followUp.closed")
        return req.redirect(to: .lessons)
    }

    private func render(_ req: Request, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let followUps = try req.followUps
        let sql = try req.db.sql()
        let reviews = try await LessonsReads.recentReviews(limit: 100, on: sql).map {
            Page.Review(number: $0.number, title: $0.title, complete: $0.complete)
        }
        let groups = try await LessonsReads.numbersByType(limit: 2000, on: sql)
        let awaiting = try await LessonsReads.awaitingReview(limit: 50, on: sql).map {
            Page.Awaiting(
                number: $0.number, title: $0.title, closedAt: req.display($0.closedAt))
        }
        let page = Page(
            page: try await req.frame("lessons.title"), reviews: reviews, awaiting: awaiting,
            followUps: try await followUps.list(status: .open).map {
                Page.FollowUp(
                    id: $0.id, title: $0.title, number: $0.incidentNumber,
                    owner: $0.ownerRole.map { req.t("role.\($0.rawValue)") } ?? "", dueOn: $0.dueOn)
            },
            types: groups.filter { $0.value.count > 1 }.sorted { $0.value.count > $1.value.count }.prefix(20).map {
                Page.TypeGroup(type: $0.key, count: $0.value.count, numbers: Array($0.value.prefix(10)))
            },
            canEdit: followUps.actor.can(.recordAction), roles: Role.allCases.map(\.rawValue), form: form)
        let response = try await req.view.render("lessons", page).encodeResponse(for: req)
        response.status = status
        return response
    }
}
