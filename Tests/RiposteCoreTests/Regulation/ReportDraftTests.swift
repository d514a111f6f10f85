import Foundation
import Testing

@testable import RiposteCore

@Suite("Draft reports to the authorities and the people concerned")
struct ReportDraftTests {
    static func facts(
        _ assessment: RegulatoryAssessment = RegulatoryClocksTests.breach(risk: .high), late: Bool = false
    ) -> ReportDraft.Facts {
        ReportDraft.Facts(
            organisation: "ACME", number: "INC-2026-0042", title: "Fichier clients exposé",
            description: "Un export envoyé au mauvais destinataire", type: "fuite", severity: .major,
            status: .inTreatment, reportedAt: "4 déc. 2026 10:00", detectedAt: "", resolvedAt: "",
            awareAt: "4 déc. 2026 09:30", classifiedAt: "", expectedRecoveryAt: "", impact: "",
            activities: ["Facturation"], customersAffected: true, parties: ["Fournisseur X"],
            actions: ["Mots de passe changés"], privacyContact: "dpo@acme.example", authority: "CNIL (https://cnil.fr)",
            assessment: assessment, late: late)
    }

    @Test("the GDPR notification says (a) to (d), with the assessment's answers and the actions taken")
    func gdprAuthority() {
        let text = ReportDraft.markdown(.gdprAuthority, Self.facts(), in: .fr, wording: KeyWording())
        let headings = text.split(separator: "\n").filter { $0.hasPrefix("## ") }.map(String.init)
        #expect(
            headings.prefix(4) == [
                "## ⟨fr:report.gdpr.a⟩", "## ⟨fr:report.gdpr.b⟩", "## ⟨fr:report.gdpr.c⟩", "## ⟨fr:report.gdpr.d⟩",
            ])
        #expect(text.contains("Un export envoyé au mauvais destinataire"))
        #expect(text.contains("⟨fr:report.line|⟨fr:breach.column.dataCategories⟩,e-mail⟩"))
        #expect(text.contains("dpo@acme.example"))
        #expect(text.contains("- Mots de passe changés"))
        #expect(text.contains("⟨fr:report.line|⟨fr:report.to⟩,CNIL (https://cnil.fr)⟩"))
        #expect(!text.contains("⟨fr:report.delay⟩"), "not late")
        #expect(
            ReportDraft.markdown(.gdprAuthority, Self.facts(late: true), in: .fr, wording: KeyWording())
                .contains("## ⟨fr:report.delay⟩"))
    }

    @Test("what the incident cannot say is a line to complete; the people's notice goes to no authority")
    func toComplete() {
        let text = ReportDraft.markdown(.gdprDataSubjects, Self.facts(), in: .fr, wording: KeyWording())
        #expect(text.contains("## ⟨fr:report.people.advice⟩\n\n**[⟨fr:report.toComplete⟩]**"))
        #expect(!text.contains("⟨fr:report.to⟩"))
    }

    @Test("NIS2 and DORA drafts carry the early warning's answers, impact and classification")
    func nis2AndDORA() {
        let assessment = RegulatoryAssessment(
            awareAt: RegulatoryClocksTests.aware, nis2: .init(severeDisruption: true, suspectedMalicious: true),
            dora: .init(major: true, classifiedAt: RegulatoryClocksTests.aware))
        let warning = ReportDraft.markdown(.nis2EarlyWarning, Self.facts(assessment), in: .fr, wording: KeyWording())
        #expect(warning.contains("⟨fr:report.line|⟨fr:assessment.nis2.suspectedMalicious⟩,⟨fr:report.yes⟩⟩"))
        #expect(warning.contains("⟨fr:report.line|⟨fr:assessment.nis2.crossBorder⟩,⟨fr:report.no⟩⟩"))
        let notification = ReportDraft.markdown(
            .nis2Notification, Self.facts(assessment), in: .fr, wording: KeyWording())
        #expect(notification.contains("## ⟨fr:report.indicators⟩"))
        #expect(notification.contains("⟨fr:report.line|⟨fr:report.activities⟩,Facturation⟩"))
        let final = ReportDraft.markdown(.nis2FinalReport, Self.facts(assessment), in: .fr, wording: KeyWording())
        #expect(final.contains("## ⟨fr:report.rootCause⟩\n\nfuite"))
        #expect(final.contains("## ⟨fr:report.crossBorder⟩"))
        let dora = ReportDraft.markdown(.doraInitial, Self.facts(assessment), in: .fr, wording: KeyWording())
        #expect(dora.contains("⟨fr:report.line|⟨fr:report.classifiedAt⟩,**[⟨fr:report.toComplete⟩]**⟩"))
        #expect(dora.contains("⟨fr:report.line|⟨fr:report.parties⟩,Fournisseur X⟩"))
    }
}
