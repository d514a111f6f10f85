import Foundation
import RiposteCore
import RiposteStorage
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("riposte intake mail: new messages filed, replies journalled (#18 point 3)")
struct MailIntakeActionsTests {
    struct ListJSON: Decodable {
        struct Item: Decodable {
            let id: UUID
            let number: String
            let channel: String
            let reporterId: UUID
        }

        let items: [Item]
    }

    static func actions(_ t: TestApp, publicURL: String? = "https://riposte.example.org") -> MailIntakeActions {
        MailIntakeActions(
            database: t.app.db,
            store: IncidentStore(database: t.app.db, gate: t.app.writeGate, numbering: t.app.incidentNumbering),
            passwords: t.app.passwordWork, now: t.clock.now(), wording: t.app.catalogue,
            sender: t.app.notificationSettings.sendmail == nil ? nil : MessageSender(name: "ACME", replyTo: nil),
            publicURL: publicURL)
    }

    static func message(from: String, subject: String, body: String, headers: String = "") throws -> MailMessage {
        try MailMessage.parse(
            Array(
                """
                From: \(from)\r
                Subject: \(subject)\r
                \(headers)Content-Type: text/plain; charset=utf-8\r
                Content-Transfer-Encoding: quoted-printable\r
                \r
                \(body)\r

                """.utf8))
    }

    @Test(
        "a stranger's message is a report from outside: receipt with its follow-up link, then a reply to it journalled")
    func stranger() async throws {
        try await withTestApp { t in
            let folder = try MessagesAPITests.mailbox(t)
            defer { try? FileManager.default.removeItem(at: folder) }
            let manager = try await t.user([.incidentManager])
            let helpdesk = try await t.user([.helpdeskOperator])
            let filed = try await Self.actions(t).receive(
                try Self.message(
                    from: "=?UTF-8?Q?Ren=C3=A9e?= <renee@client.example>", subject: "=?UTF-8?Q?Portail_=C3=A9teint?=",
                    body: "Le portail r=C3=A9pond 502."))
            guard case .filed(let number) = filed else { Issue.record("\(filed)"); return }
            let incident = try await t.send(.GET, "/api/v1/incidents/\(number)", as: manager).incident()
            #expect(incident.title == "Portail éteint" && incident.description == "Le portail répond 502.")
            #expect(incident.channel == "email" && incident.status == "reported")
            let journal = try await t.send(.GET, "/api/v1/incidents/\(number)/journal", as: manager).body.string
            #expect(journal.contains("reported_from_outside") && journal.contains("renee@client.example"))
            #expect(try await t.send(.GET, "/api/v1/notifications", as: helpdesk).body.string.contains(number))
            let outside = try await t.send(.GET, "/api/v1/incidents/\(number)/public-updates", as: manager).body.string
            #expect(outside.contains(#""name":"Renée""#))

            // The receipt links to the follow-up page at the public address; a reply to it is journalled.
            _ = try await t.app.dispatcher.run(at: { t.clock.now() })
            let receipt = try #require(
                try MessagesAPITests.mails(in: folder).first { $0.contains("To: renee@client.example") })
            let body = try MessagesAPITests.body(of: receipt)
            #expect(body.contains("https://riposte.example.org/follow/"))
            let id = try #require(
                receipt.range(of: #"Message-ID: <[^>]+>"#, options: .regularExpression).map {
                    String(receipt[$0].dropFirst("Message-ID: ".count))
                })
            let added = try await Self.actions(t).receive(
                try Self.message(
                    from: "renee@client.example", subject: "Re: merci",
                    body: "Merci, c'est revenu.\r\n\r\n> Votre signalement",
                    headers: "In-Reply-To: \(id)\r\n"))
            #expect(added == .added(number))
            let after = try await t.send(.GET, "/api/v1/incidents/\(number)/journal", as: manager).body.string
            #expect(
                after.contains("mail_received") && after.contains("Merci, c'est revenu.") && !after.contains("> Votre"))
        }
    }

    @Test(
        "a person of the organisation reports as themself; a contact's party is named; a number in the subject answers")
    func peopleAndParties() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager], email: "im@acme.test")
            let (supplier, _) = try await MessagesAPITests.directory(t)
            let own = try await Self.actions(t).receive(
                try Self.message(from: "IM@acme.test", subject: "Imprimante", body: "Bourrage"))
            guard case .filed(let ownNumber) = own else { Issue.record("\(own)"); return }
            let listed = try await t.send(.GET, "/api/v1/incidents", as: manager).decode(ListJSON.self)
            #expect(listed.items.first { $0.number == ownNumber }?.reporterId == manager.id)

            let contact = try await Self.actions(t).receive(
                try Self.message(from: "Sam <sam@hebergeur.test>", subject: "Coupure", body: "Datacentre"))
            guard case .filed(let contactNumber) = contact else { Issue.record("\(contact)"); return }
            let parties = try await t.send(.GET, "/api/v1/incidents/\(contactNumber)/parties", as: manager).body.string
            #expect(parties.contains(supplier.uuidString) && parties.contains(#""relation":"reporter""#))

            // The number in the subject from a contact of a party named on it, or a person: a reply.
            let answer = try await Self.actions(t).receive(
                try Self.message(from: "lou@hebergeur.test", subject: "Re: [\(contactNumber)] Coupure", body: "Revenu"))
            #expect(answer == .added(contactNumber))
            let colleague = try await Self.actions(t).receive(
                try Self.message(from: "im@acme.test", subject: "\(contactNumber) suite", body: "Vu"))
            #expect(colleague == .added(contactNumber))
            // From someone the incident does not know, its own report: no stranger writes in a journal.
            let stranger = try await Self.actions(t).receive(
                try Self.message(from: "someone@else.example", subject: "Re: [\(contactNumber)] Coupure", body: "Hi"))
            guard case .filed(let strangerNumber) = stranger, strangerNumber != contactNumber else {
                Issue.record("\(stranger)")
                return
            }
            // Out-of-office replies and bounces are read and left alone.
            let automatic = try await Self.actions(t).receive(
                try Self.message(
                    from: "sam@hebergeur.test", subject: "Absent : Re: [\(contactNumber)]", body: "Je suis absent",
                    headers: "Auto-Submitted: auto-replied\r\n"))
            #expect(automatic == .ignored)
            // A number that names no incident is a new report.
            let unknown = try await Self.actions(t).receive(
                try Self.message(from: "someone@else.example", subject: "INC-1999-0001", body: "?"))
            guard case .filed = unknown else { Issue.record("\(unknown)"); return }
        }
    }
}
