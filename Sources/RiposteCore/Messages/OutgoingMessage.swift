import Foundation

/// Who a message reaches, as the plan tells them apart: clients and suppliers are spoken to by
/// one manager (notes G and H); the reporter and the other stakeholders by those handling it.
public enum MessageAudience: String, CaseIterable, Codable, Sendable {
    case reporter
    /// A client or supplier of the directory: named on the incident, or any contact of theirs.
    case clientOrSupplier = "client_or_supplier"
    /// Any other address typed by the sender.
    case other
}

/// One address a message goes to, and why.
public struct MessageRecipient: Sendable, Equatable {
    /// Lowercased, checked: never anything a mail header could be split on.
    public let address: String
    public let audience: MessageAudience
    /// Whom it stands for, for the log: a party's name, the reporter's name.
    public let label: String

    public init(address: String, audience: MessageAudience, label: String = "") {
        self.address = address
        self.audience = audience
        self.label = label
    }

    /// An address as typed: a plausible e-mail address with nothing a mail header could be
    /// split on (commas, angle brackets, quotes, line breaks).
    public static func address(_ raw: String, field: String) throws(FieldError) -> String {
        let address = try CredentialRules.email(raw, field: field)
        guard !address.contains(where: { "\"(),:;<>[\\]".contains($0) || $0.isNewline }) else {
            throw FieldError(field: field, problem: .invalid)
        }
        return address
    }
}

/// A message a handler sends from the incident (§4.2.2 step 5, §4.2.3 steps 3 and 8): what
/// was typed, checked. It goes by e-mail to each recipient on its own and carries nothing but
/// what the sender wrote, never the internal journal.
public struct OutgoingMessage: Sendable, Equatable {
    public let kind: MessageKind?
    public let language: Language
    public let recipients: [MessageRecipient]
    public private(set) var subject: String
    public let body: String

    public static let recipientLimit = 20

    /// A drill's message says so before its subject (`mark`: "EXERCICE" in its language, #20),
    /// once, however often it is asked.
    public mutating func markAsExercise(_ mark: String) {
        let prefix = "[\(mark)] "
        if !subject.hasPrefix(prefix) { subject = prefix + subject }
    }
    /// With the subject, the whole message fits one journal entry.
    public static let bodyLimit = FieldLimits.journalText - MessageTemplate.subjectLimit - 2

    /// Checks the message; the same address named twice (the reporter is also a supplier's
    /// contact) is sent once, as the audience the plan guards most.
    public static func validated(
        kind: MessageKind?, language: Language, recipients: [MessageRecipient], subject: String, body: String
    ) throws(FieldError) -> OutgoingMessage {
        let subject = try TextRule.required(subject, field: "subject", max: MessageTemplate.subjectLimit)
        guard !subject.contains(where: \.isNewline) else { throw FieldError(field: "subject", problem: .invalid) }
        let body = try TextRule.required(body, field: "body", max: bodyLimit)
        var unique: [MessageRecipient] = []
        for recipient in recipients {
            if let index = unique.firstIndex(where: { $0.address == recipient.address }) {
                if recipient.audience == .clientOrSupplier { unique[index] = recipient }
            } else {
                unique.append(recipient)
            }
        }
        guard !unique.isEmpty else { throw FieldError(field: "to", problem: .required) }
        guard unique.count <= recipientLimit else {
            throw FieldError(field: "to", problem: .tooLong, limit: recipientLimit)
        }
        return OutgoingMessage(kind: kind, language: language, recipients: unique, subject: subject, body: body)
    }

    public var audiences: Set<MessageAudience> { Set(recipients.map(\.audience)) }

    /// The addresses, as the communication's log lists them.
    public var addressList: String { recipients.map(\.address).joined(separator: ", ") }

    /// Whom it went to, in words: the labels of those who have one, once each.
    public var audienceLabel: String {
        var seen: Set<String> = []
        let labels = recipients.map { $0.label.isEmpty ? $0.address : $0.label }.filter { seen.insert($0).inserted }
        return String(labels.joined(separator: ", ").prefix(CommunicationEntry.audienceLimit))
    }

    /// The log of the message: a communication sent by e-mail, the journal entry with the whole
    /// text (the journal is internal, the message is not).
    public func communication(at now: Date) -> CommunicationEntry {
        let external = !audiences.isSubset(of: [.reporter])
        return CommunicationEntry(
            direction: external ? .external : .internal, audience: audienceLabel, media: .email,
            recipients: addressList, at: now, summary: subject + "\n\n" + body)
    }

    public func effects(at now: Date) -> IncidentEffects {
        guard let logged = communication(at: now).effects().journal.first else { return IncidentEffects() }
        var details = logged.details
        details["language"] = language.rawValue
        details["sent"] = "email"
        if let kind { details["template"] = kind.rawValue }
        return IncidentEffects(journal: [.init(logged.kind, text: logged.text, details: details, times: logged.times)])
    }
}

extension Lifecycle {
    /// Judges sending a message to these audiences. The stakeholders are told by those who
    /// handle the incident (the helpdesk within its reach), its owner and its team; clients
    /// and suppliers by the incident manager (note G), or by the continuity manager once the
    /// BCP runs (note H). Until the review is done, like any communication.
    public static func sendMessage(
        _ incident: IncidentState, to audiences: Set<MessageAudience>, roles: Set<Role>, handlesIt: Bool = false
    ) -> Result<Void, LifecycleError> {
        let handler = handlesIt && !roles.isDisjoint(with: PermissionMatrix.handlers)
        guard handler || PermissionMatrix.allows(roles, .sendMessage, severity: incident.severity) else {
            return .failure(.forbidden(.sendMessage))
        }
        if audiences.contains(.clientOrSupplier) {
            guard roles.contains(speakerToClientsAndSuppliers(incident)) else {
                return .failure(.forbidden(.messageClientsAndSuppliers))
            }
        }
        guard incident.status != .reviewed, incident.status != .rejected else {
            return .failure(.incidentFinished(incident.status))
        }
        // A drill's message to its reporter or the stakeholders inside is practice; to clients,
        // suppliers or any other outside address it goes only when the exercise says so.
        if !audiences.isDisjoint(with: [.clientOrSupplier, .other]), !incident.exercise.reaches(.messages) {
            return .failure(.exerciseStaysInside(.messages))
        }
        return .success(())
    }

    /// Who speaks to clients and suppliers about this incident now (notes G and H).
    public static func speakerToClientsAndSuppliers(_ incident: IncidentState) -> Role {
        incident.plans.isActive(.bcp) ? .continuityManager : .incidentManager
    }

    /// Whom the message form may address now, or nil when it is not offered at all.
    public static func messageReach(
        _ incident: IncidentState, roles: Set<Role>, handlesIt: Bool = false
    ) -> Set<MessageAudience>? {
        let reach = MessageAudience.allCases.filter {
            (try? sendMessage(incident, to: [$0], roles: roles, handlesIt: handlesIt).get()) != nil
        }
        return reach.isEmpty ? nil : Set(reach)
    }

    /// When the incident is resolved, the page offers to tell the stakeholders (§4.2.2 step 5,
    /// §4.2.3 step 8).
    public static func offersResolutionMessage(_ incident: IncidentState) -> Bool {
        incident.status == .resolved
    }
}
