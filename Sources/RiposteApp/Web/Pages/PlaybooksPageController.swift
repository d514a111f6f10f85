import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// `/playbooks`: each severity's checklist and the scenario playbooks (#20 point 2), written by
/// the incident manager and the administrator, read by whoever handles incidents. The forms
/// work without JavaScript: each step is a row (its words, who does it), with empty rows to
/// add steps; a row emptied is a step removed. A refused form comes back as typed, the reason
/// beside the row or field it concerns.
struct PlaybooksPageController {
    struct Page: Encodable {
        let page: PageFrame
        let canWrite: Bool
        let roles: [Option]
        let procedures: [ProcedureForm]
        /// Each playbook's form, and a blank one last for a new playbook (for those who write).
        let playbooks: [PlaybookForm]
        /// The incident types the organisation named, offered as it types.
        let types: [String]
        let hasPlaybooks: Bool
        /// The questions the organisation adds to the post-incident review (#20 point 3).
        let questions: [QuestionRow]
        let questionsError: String
        let hasDocuments: Bool
        let hasContacts: Bool
    }

    struct Option: Encodable {
        let code: String
        let label: String
        var selected = false
    }

    struct Row: Encodable {
        let index: Int
        let number: Int
        let key: String
        let text: String
        let role: String
        let roleLabel: String
        let roles: [Option]
        let error: String
    }

    struct QuestionRow: Encodable {
        let index: Int
        let number: Int
        let key: String
        let text: String
        let sections: [Option]
        let sectionLabel: String
        let error: String
    }

    struct ProcedureForm: Encodable {
        let severity: String
        let fromTemplate: Bool
        let rows: [Row]
        let error: String
    }

    struct PlaybookForm: Encodable {
        let id: String
        /// Its form is shown (the others are read, with a link to edit them).
        let editable: Bool
        /// Names its fields apart from the other forms'.
        let key: String
        let name: String
        let types: String
        let version: Int
        let updatedAt: String
        let rows: [Row]
        let documents: [Option]
        let contacts: [Option]
        let nameError: String
        let typesError: String
        let error: String
    }

    /// Empty rows offered under the steps, to add some.
    static let blankRows = 3

    func show(_ req: Request) async throws -> View {
        try await render(req)
    }

    /// What a refused form brings back: which form, what was typed, and the errors by field.
    struct Refused {
        let form: String
        let fields: [String: String]
        let errors: [String: String]
    }

    private func render(_ req: Request, refused: Refused? = nil) async throws -> View {
        let actions = try req.playbooks
        try actions.mayRead()
        let canWrite = actions.actor.can(.writePlaybooks)
        let procedures = try await actions.procedures()
        let stored = try await actions.playbooks()
        let sql = try req.sql
        let documents = try await DocumentStore.all(on: sql).map { (id: $0.id, name: $0.title) }
        let parties = try await DirectoryStore.all(on: sql).map { (id: $0.id, name: $0.name) }
        let roles = Role.allCases.filter { $0 != .reporter }.map {
            Option(code: $0.rawValue, label: req.t(NotificationText.roleKey($0)))
        }
        let catalogue = req.application.catalogue
        func rows(_ steps: [ChecklistStep], typed: [String: String]?, errors: [String: String], blank: Bool) -> [Row] {
            let shown: [(key: String, text: String, role: String)] =
                typed.map { fields in
                    (0..<(WrittenSteps.maxSteps + Self.blankRows)).compactMap { index in
                        let text = fields["text-\(index)"] ?? ""
                        let key = fields["key-\(index)"] ?? ""
                        guard fields["text-\(index)"] != nil || !key.isEmpty else { return nil }
                        return (key, text, fields["role-\(index)"] ?? "")
                    }
                }
                ?? steps.map { ($0.key, $0.words(in: req.pageLanguage, wording: catalogue), $0.role?.rawValue ?? "") }
            let all = shown + (blank && typed == nil ? Array(repeating: ("", "", ""), count: Self.blankRows) : [])
            return all.enumerated().map { index, row in
                Row(
                    index: index, number: index + 1, key: row.key, text: row.text, role: row.role,
                    roleLabel: Role(rawValue: row.role).map { req.t(NotificationText.roleKey($0)) } ?? "",
                    roles: blank
                        ? roles.map { Option(code: $0.code, label: $0.label, selected: $0.code == row.role) } : [],
                    error: errors["steps[\(index)]"] ?? "")
            }
        }
        // One playbook's form at a time (the one asked for, or refused, and the new one): the
        // others are read, so that the page stays light with many playbooks.
        let editing = refused?.form ?? req.query[String.self, at: "edit"]?.lowercased()
        func form(_ playbook: Playbook?, updatedAt: Date?, refused: Refused?) -> PlaybookForm {
            let editable = canWrite && (playbook == nil || editing == playbook?.id.uuidString.lowercased())
            let fields = refused?.fields
            let errors = refused?.errors ?? [:]
            let chosenDocuments = Set(playbook?.documents ?? [])
            let chosenParties = Set(playbook?.contacts ?? [])
            let id = playbook?.id.uuidString.lowercased() ?? ""
            return PlaybookForm(
                id: id, editable: editable, key: id.isEmpty ? "new" : id,
                name: fields?["name"] ?? playbook?.name ?? "",
                types: fields?["types"] ?? playbook?.incidentTypes.joined(separator: ", ") ?? "",
                version: playbook?.version ?? 0, updatedAt: req.display(updatedAt),
                rows: rows(playbook?.steps ?? [], typed: fields, errors: errors, blank: editable),
                documents: documents.map {
                    let key = "document-\($0.id.uuidString.lowercased())"
                    return Option(
                        code: key, label: $0.name,
                        selected: fields.map { $0[key] != nil } ?? chosenDocuments.contains($0.id))
                },
                contacts: parties.map {
                    let key = "contact-\($0.id.uuidString.lowercased())"
                    return Option(
                        code: key, label: $0.name,
                        selected: fields.map { $0[key] != nil } ?? chosenParties.contains($0.id))
                },
                nameError: errors["name"] ?? "", typesError: errors["types"] ?? "",
                error: errors["steps"] ?? errors["form"] ?? errors.first {
                    !$0.key.hasPrefix("steps[") && !["name", "types"].contains($0.key)
                }?.value ?? "")
        }
        let questionForm = refused?.form == "review-questions" ? refused : nil
        let written = try await actions.reviewQuestions().filter { !$0.retired }
        let questionRows: [(key: String, text: String, section: String)] =
            questionForm.map { refused in
                (0..<(ExtraQuestions.maxQuestions + Self.blankRows)).compactMap { index in
                    guard let text = refused.fields["qtext-\(index)"] else { return nil }
                    return (refused.fields["qkey-\(index)"] ?? "", text, refused.fields["qsection-\(index)"] ?? "")
                }
            }
            ?? written.map { ($0.key, $0.text, $0.section) }
            + (canWrite ? Array(repeating: ("", "", ""), count: Self.blankRows) : [])
        let questions = questionRows.enumerated().map { index, row in
            QuestionRow(
                index: index, number: index + 1, key: row.key, text: row.text,
                sections: ReviewForm.sections.map {
                    Option(code: $0.key, label: req.t($0.titleKey), selected: $0.key == row.section)
                },
                sectionLabel: ReviewForm.sections.first { $0.key == row.section }.map { req.t($0.titleKey) } ?? "",
                error: questionForm?.errors["steps[\(index)]"] ?? "")
        }
        return try await req.view.render(
            "playbooks",
            Page(
                page: try await req.frame("playbooks.title", alert: refused == nil ? nil : req.t("form.fix")),
                canWrite: canWrite, roles: roles,
                procedures: Severity.allCases.map { severity in
                    let mine = refused?.form == "checklist-\(severity.rawValue)" ? refused : nil
                    return ProcedureForm(
                        severity: severity.rawValue, fromTemplate: procedures.isTemplate(severity),
                        rows: rows(
                            procedures.steps(for: severity), typed: mine?.fields, errors: mine?.errors ?? [:],
                            blank: canWrite),
                        error: mine?.errors["steps"] ?? "")
                },
                playbooks: stored.map { entry in
                    form(
                        entry.playbook, updatedAt: entry.updatedAt,
                        refused: refused?.form == entry.playbook.id.uuidString.lowercased() ? refused : nil)
                } + (canWrite ? [form(nil, updatedAt: nil, refused: refused?.form == "new" ? refused : nil)] : []),
                types: try await SettingsStore.incidentTypes(on: sql).map(\.name),
                hasPlaybooks: !stored.isEmpty, questions: questions,
                questionsError: questionForm?.errors["steps"] ?? questionForm?.errors["form"] ?? "",
                hasDocuments: !documents.isEmpty, hasContacts: !parties.isEmpty))
    }

    /// The steps of a posted form, rows in order, empty rows left out.
    static func drafts(_ fields: [String: String]) -> [StepDraft] {
        (0..<(WrittenSteps.maxSteps + blankRows)).compactMap { index in
            let text = fields["text-\(index)"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard !text.isEmpty else { return nil }
            let key = fields["key-\(index)"].flatMap { $0.isEmpty ? nil : $0 }
            let role = fields["role-\(index)"].flatMap { $0.isEmpty ? nil : $0 }
            return StepDraft(key: key, text: text, role: role)
        }
    }

    /// The row a refusal of `steps[n]…` is about, among the rows sent (empty ones left out).
    static func errors(
        for error: APIError, in fields: [String: String], rows: String = "text-", message: String
    ) -> [String: String] {
        guard let field = error.field else { return ["form": message] }
        guard field.hasPrefix("steps["), let close = field.firstIndex(of: "]"),
            let position = Int(field[field.index(field.startIndex, offsetBy: 6)..<close])
        else { return [field == "incidentTypes" || field.hasPrefix("incidentTypes[") ? "types" : field: message] }
        let sent = (0..<(WrittenSteps.maxSteps + blankRows)).filter {
            !(fields["\(rows)\($0)"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "").isEmpty
        }
        return [position < sent.count ? "steps[\(sent[position])]" : "steps": message]
    }

    /// `POST /playbooks/checklists/{severity}`.
    func saveProcedure(_ req: Request) async throws -> Response {
        guard let severity = req.parameter(.key).flatMap(Severity.init(rawValue:)) else {
            throw Refusal.notFound(.checklistItem)
        }
        let actions = try req.playbooks
        try actions.mayWrite()
        let fields = try req.content.decode([String: String].self)
        return try await saving(req, form: "checklist-\(severity.rawValue)", fields: fields) {
            _ = try await actions.saveProcedures([severity: Self.drafts(fields)]) { _ in "steps" }
            return "playbooks.checklist.saved"
        }
    }

    /// `POST /playbooks/review-questions`: the whole list; a row emptied retires its question.
    func saveReviewQuestions(_ req: Request) async throws -> Response {
        let actions = try req.playbooks
        try actions.mayWrite()
        let fields = try req.content.decode([String: String].self)
        let rows = (0..<(ExtraQuestions.maxQuestions + Self.blankRows)).filter {
            !(fields["qtext-\($0)"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "").isEmpty
        }
        let drafts = rows.map { index in
            ExtraQuestionDraft(
                key: fields["qkey-\(index)"].flatMap { $0.isEmpty ? nil : $0 }, text: fields["qtext-\(index)"] ?? "",
                section: fields["qsection-\(index)"] ?? "")
        }
        return try await saving(req, form: "review-questions", fields: fields, rows: "qtext-") {
            _ = try await actions.saveReviewQuestions(drafts, field: "steps")
            return "playbooks.questions.saved"
        }
    }

    /// `POST /playbooks` (a new one) and `POST /playbooks/{id}/save`.
    func create(_ req: Request) async throws -> Response {
        let actions = try req.playbooks
        try actions.mayWrite()
        let fields = try req.content.decode([String: String].self)
        return try await saving(req, form: "new", fields: fields) {
            _ = try await actions.create(Self.draft(fields))
            return "playbooks.created"
        }
    }

    func save(_ req: Request) async throws -> Response {
        let actions = try req.playbooks
        try actions.mayWrite()
        guard let id = req.parameter(.id, as: UUID.self) else { throw Refusal.notFound(.playbook) }
        let fields = try req.content.decode([String: String].self)
        return try await saving(req, form: id.uuidString.lowercased(), fields: fields) {
            _ = try await actions.replace(
                id, with: Self.draft(fields), expectedVersion: fields["version"].flatMap { Int($0) })
            return "playbooks.saved"
        }
    }

    func delete(_ req: Request) async throws -> Response {
        guard let id = req.parameter(.id, as: UUID.self) else { throw Refusal.notFound(.playbook) }
        try await req.playbooks.delete(id)
        req.leaveNotice("playbooks.deleted")
        return req.redirect(to: .playbooks)
    }

    static func draft(_ fields: [String: String]) -> PlaybookDraft {
        PlaybookDraft(
            name: fields["name"] ?? "",
            incidentTypes: (fields["types"] ?? "").split(separator: ",").map(String.init),
            steps: drafts(fields),
            documentIds: fields.keys.filter { $0.hasPrefix("document-") }.sorted()
                .compactMap { UUID(uuidString: String($0.dropFirst("document-".count))) },
            contactIds: fields.keys.filter { $0.hasPrefix("contact-") }.sorted()
                .compactMap { UUID(uuidString: String($0.dropFirst("contact-".count))) })
    }

    /// Runs a form's change: done, back to the page with its notice; refused for a field (or
    /// a name taken, or a version written since), the page again with what was typed.
    private func saving(
        _ req: Request, form: String, fields: [String: String], rows: String = "text-",
        _ body: () async throws -> String
    ) async throws -> Response {
        do {
            req.leaveNotice(try await body())
            return req.redirect(to: .playbooks)
        } catch let error where error is FieldError || error is Refusal {
            guard let refusal = APIError.refusing(error), refusal.status != .notFound else { throw error }
            // A version written meanwhile: the form again as typed, over the current one (409, as
            // the incident page answers a stale form).
            let stale = refusal.status == .preconditionFailed
            let errors =
                stale
                ? ["form": req.t("playbooks.stale")]
                : Self.errors(for: refusal, in: fields, rows: rows, message: req.message(for: refusal))
            let response = try await render(req, refused: Refused(form: form, fields: fields, errors: errors))
                .encodeResponse(for: req)
            response.status = stale ? .conflict : refusal.status
            return response
        }
    }
}
