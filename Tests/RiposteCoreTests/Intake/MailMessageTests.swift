import Foundation
import Testing

@testable import RiposteCore

@Suite("E-mail intake: messages read as mail servers deliver them, replies told from new reports (#18 point 3)")
struct MailMessageTests {
    static func bytes(_ text: String) -> [UInt8] {
        Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }

    static let french = bytes(
        """
        From: =?UTF-8?Q?Ren=C3=A9e_Dupr=C3=A9?= <Renee@Client.Example>
        To: incidents@acme.test
        Subject: =?utf-8?B?UGFubmUgZHUgcG9ydGFpbCDDqWxlY3Ryb25pcXVl?=
         =?utf-8?Q?_depuis_9=C2=A0h?=
        Message-ID: <abc@client.example>
        MIME-Version: 1.0
        Content-Type: text/plain; charset="utf-8"
        Content-Transfer-Encoding: quoted-printable

        Bonjour,=0A
        le portail =C3=A9lectronique r=C3=A9pond par une erreur 502 depuis ce matin. Nos=
         clients ne peuvent plus payer.
        """)

    @Test("a quoted-printable French body, an encoded subject in two words, an encoded sender's name")
    func french() throws {
        let message = try MailMessage.parse(Self.french)
        #expect(message.fromAddress == "renee@client.example")
        #expect(message.fromName == "Renée Dupré")
        #expect(message.subject == "Panne du portail électronique depuis 9\u{A0}h")
        #expect(message.messageID == "abc@client.example")
        #expect(message.text.contains("le portail électronique répond par une erreur 502"))
        #expect(message.text.contains("Nos clients ne peuvent plus payer."))
        #expect(message.attachments.isEmpty)
    }

    @Test("multipart/mixed with an alternative inside and a base64 attachment: the plain text, the file listed")
    func mixed() throws {
        let pdf = Data("%PDF-1.4 fake".utf8).base64EncodedString()
        let message = try MailMessage.parse(
            Self.bytes(
                """
                From: "Support" <support@hosting.example>
                Subject: Incident: hosting
                In-Reply-To: <0b2a9c1e-4f0d-4c52-9d1a-3f7e6d2c1b00@riposte>
                References: <first@elsewhere> <11111111-2222-3333-4444-555555555555@riposte>
                Content-Type: multipart/mixed; boundary="outer"

                This is a multi-part message.
                --outer
                Content-Type: multipart/alternative; boundary=inner

                --inner
                Content-Type: text/plain; charset=iso-8859-1
                Content-Transfer-Encoding: quoted-printable

                Le serveur est r=E9tabli.
                --inner
                Content-Type: text/html; charset=utf-8

                <p>Le serveur est <b>rétabli</b>.</p>
                --inner--
                --outer
                Content-Type: application/pdf; name="rapport.pdf"
                Content-Disposition: attachment; filename*=utf-8''rapport%20d%C3%A9taill%C3%A9.pdf
                Content-Transfer-Encoding: base64

                \(pdf)
                --outer--
                """))
        #expect(message.text == "Le serveur est rétabli.")
        #expect(message.attachments == [.init(name: "rapport détaillé.pdf", type: "application/pdf", size: 13)])
        #expect(message.fromName == "Support")
        #expect(
            MailIntake.deliveries(answered: message) == [
                UUID(uuidString: "0b2a9c1e-4f0d-4c52-9d1a-3f7e6d2c1b00")!,
                UUID(uuidString: "11111111-2222-3333-4444-555555555555")!,
            ])
    }

    @Test("an HTML-only message is read as text; a windows-1252 one in its charset; LF-only lines too")
    func charsets() throws {
        let html = try MailMessage.parse(
            Array(
                "From: a@b.example\nSubject: x\nContent-Type: text/html\n\n<html><style>p{}</style><p>Serveur&nbsp;HS</p><p>Depuis 9 h &amp; demi</p></html>\n"
                    .utf8))
        #expect(html.text == "Serveur HS\nDepuis 9 h & demi")
        var latin = Array(
            "From: a@b.example\r\nSubject: x\r\nContent-Type: text/plain; charset=windows-1252\r\n\r\n".utf8)
        latin += [0x43, 0x61, 0x66, 0xE9, 0x20, 0x80]  // "Café €"
        #expect(try MailMessage.parse(latin).text == "Café €")
    }

    @Test(
        "a message it cannot read is refused by the part that is wrong",
        arguments: [
            ("Subject: no sender\r\n\r\nHello", MailError.malformed("from")),
            ("this is not a header\r\nFrom: a@b.example\r\n\r\nHello", .malformed("header")),
            ("From: not an address\r\n\r\nHello", .malformed("from")),
            ("From: a@b.example\r\nContent-Type: multipart/mixed\r\n\r\nno boundary", .malformed("multipart")),
            (
                "From: a@b.example\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\nno part at all",
                .malformed("multipart")
            ),
            ("From: a@b.example\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!", .malformed("base64")),
            ("", .malformed("header")),
        ])
    func malformed(text: String, error: MailError) {
        #expect(throws: error) { try MailMessage.parse(Array(text.utf8)) }
    }

    @Test("a message over the limit is refused whole")
    func tooLarge() {
        let huge = [UInt8](repeating: 0x41, count: MailMessage.sizeLimit + 1)
        #expect(throws: MailError.tooLarge(limit: MailMessage.sizeLimit)) { try MailMessage.parse(huge) }
    }

    @Test("a subject naming an incident's number; Riposte's message ids only")
    func replies() throws {
        #expect(MailIntake.number(inSubject: "RE: [INC-2026-0042] Panne") == IncidentNumber(year: 2026, sequence: 42))
        #expect(
            MailIntake.number(inSubject: "Tr: ex-2026-0003 exercice")
                == IncidentNumber(.exercise, year: 2026, sequence: 3))
        #expect(MailIntake.number(inSubject: "Facture 2026-0042") == nil)
        let message = try MailMessage.parse(
            Self.bytes("From: a@b.example\nIn-Reply-To: <x@riposte.example> <not-a-uuid@riposte>\n\nHi"))
        #expect(MailIntake.deliveries(answered: message).isEmpty)
    }

    @Test("a reply keeps its new words, not the message it quotes; a new report lists its attachments")
    func entries() throws {
        let message = try MailMessage.parse(
            Self.bytes(
                """
                From: Lou <lou@client.example>
                Subject: Re: [INC-2026-0001] Portail

                Le portail répond de nouveau.

                Le 5 déc. 2026 à 09:12, Riposte a écrit :
                > Votre signalement INC-2026-0001 est résolu.
                >
                > Cordialement
                """))
        let reply = MailIntake.reply(message, attachments: "Pièces jointes :")
        let entry = try #require(reply.journal.first)
        #expect(entry.kind == .mailReceived)
        #expect(entry.text == "Le portail répond de nouveau.")
        #expect(
            entry.details == ["from": "lou@client.example", "name": "Lou", "subject": "Re: [INC-2026-0001] Portail"])

        let untitled = MailMessage(
            fromAddress: "a@b.example", fromName: nil, subject: "", messageID: nil, answers: [], text: "",
            attachments: [.init(name: "photo.jpg", type: "image/jpeg", size: 2048)])
        let report = MailIntake.report(untitled, untitled: "(sans objet)", attachments: "Pièces jointes :")
        #expect(report.title == "(sans objet)")
        #expect(report.description == "(sans objet)\n\nPièces jointes :\n- photo.jpg (image/jpeg, 2048 B)")
        let long = MailMessage(
            fromAddress: "a@b.example", fromName: nil, subject: String(repeating: "é", count: 300) + "\u{0}",
            messageID: nil, answers: [], text: "x", attachments: [])
        #expect(MailIntake.report(long, untitled: "", attachments: "").title.unicodeScalars.count == FieldLimits.title)
    }

    @Test("the envelope line a local delivery puts first is skipped; a part without headers is plain text")
    func delivered() throws {
        let message = try MailMessage.parse(
            Self.bytes(
                """
                From renee@client.example  Sat Dec  5 08:12:00 2026
                From: renee@client.example
                Subject: Portail
                Content-Type: multipart/mixed; boundary=b

                --b

                Le portail est en panne.
                --b--
                """))
        #expect(message.fromAddress == "renee@client.example" && message.text == "Le portail est en panne.")
        #expect(!message.isAutomatic)
    }

    @Test(
        "automatic messages are told apart: out-of-office, bulk and list mail, delivery reports, mailer daemons",
        arguments: [
            "Auto-Submitted: auto-replied\n", "Precedence: bulk\n", "List-Id: <ops.example>\n", "X-Autoreply: yes\n",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=r\n",
        ])
    func automatic(header: String) throws {
        let body = header.contains("multipart") ? "--r\n\nUndelivered\n--r--\n" : "Away"
        let message = try MailMessage.parse(Array("From: a@b.example\nSubject: x\n\(header)\n\(body)".utf8))
        #expect(message.isAutomatic)
        #expect(try MailMessage.parse(Array("From: MAILER-DAEMON@b.example\nSubject: x\n\nBounce".utf8)).isAutomatic)
        #expect(!(try MailMessage.parse(Array("From: a@b.example\nAuto-Submitted: no\n\nHi".utf8)).isAutomatic))
    }

    @Test("an attachment with damaged base64 is listed, not the message refused; entities decoded once")
    func lenient() throws {
        let message = try MailMessage.parse(
            Self.bytes(
                """
                From: a@b.example
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/html

                <p>1 &amp;lt; 2</p>
                --b
                Content-Type: image/png; name=x.png
                Content-Transfer-Encoding: base64

                !!!!
                --b--
                """))
        #expect(message.text == "1 &lt; 2")
        #expect(message.attachments.map(\.name) == ["x.png"])
    }
}
