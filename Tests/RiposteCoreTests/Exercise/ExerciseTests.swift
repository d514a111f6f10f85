import Foundation
import Testing

@testable import RiposteCore

@Suite("Exercises")
struct ExerciseTests {
    static let at = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("an exercise is numbered in its own series, and read back as one")
    func numbering() throws {
        let number = IncidentNumber(.exercise, year: 2026, sequence: 3)
        #expect(number.description == "EX-2026-0003")
        #expect(IncidentNumber("ex-2026-0003") == number)
        #expect(IncidentNumber.isExercise("EX-2026-0003"))
        #expect(!IncidentNumber.isExercise("INC-2026-0003"))
        #expect(IncidentNumber("XX-2026-0003") == nil)
        #expect(IncidentReport(title: "t", description: "d", exercise: Exercise()).series == .exercise)
        #expect(IncidentReport(title: "t", description: "d").series == .incident)
    }

    @Test("its channels are stored and read back; a name no longer known never widens the reach")
    func stored() {
        let both = Exercise(channels: [.webhooks, .messages])
        #expect(both.stored == "messages,webhooks")
        #expect(Exercise(stored: both.stored) == both)
        #expect(Exercise(stored: "").channels.isEmpty)
        #expect(Exercise(stored: "webhooks,regulators") == Exercise(channels: [.webhooks]))
    }

    @Test("a real incident reaches everything; an exercise only what it names")
    func reach() {
        let real: Exercise? = nil
        #expect(real.reaches(.webhooks) && real.reaches(.messages))
        let inside: Exercise? = Exercise()
        #expect(!inside.reaches(.webhooks) && !inside.reaches(.messages))
        let hooks: Exercise? = Exercise(channels: [.webhooks])
        #expect(hooks.reaches(.webhooks) && !hooks.reaches(.messages))
    }

    @Test("filing an exercise says so in its first journal entry")
    func filed() {
        let effects = IncidentReport(title: "t", description: "d", exercise: Exercise(channels: [.webhooks]))
            .effects(number: "EX-2026-0001")
        #expect(effects.journal.first?.details["exercise"] == "true")
        #expect(effects.journal.first?.details["exerciseChannels"] == "webhooks")
        #expect(
            IncidentReport(title: "t", description: "d").effects(number: "INC-2026-0001").journal.first?
                .details["exercise"] == nil)
    }

    @Test("a drill's messages stay inside unless it includes them; to its reporter they go")
    func messages() {
        var drill = IncidentState(status: .inTreatment, severity: .major, exercise: Exercise())
        for audience in [MessageAudience.clientOrSupplier, .other] {
            #expect(
                throws: LifecycleError.exerciseStaysInside(.messages),
                performing: { try Lifecycle.sendMessage(drill, to: [audience], roles: [.incidentManager]).get() })
        }
        #expect((try? Lifecycle.sendMessage(drill, to: [.reporter], roles: [.incidentManager]).get()) != nil)
        #expect(Lifecycle.messageReach(drill, roles: [.incidentManager]) == [.reporter])
        drill.exercise = Exercise(channels: [.messages])
        #expect(
            (try? Lifecycle.sendMessage(drill, to: [.clientOrSupplier, .other], roles: [.incidentManager]).get())
                != nil)
        // A real incident is as before.
        let real = IncidentState(status: .inTreatment, severity: .major)
        #expect((try? Lifecycle.sendMessage(real, to: [.other], roles: [.incidentManager]).get()) != nil)
    }

    @Test("an exercise stays one, a real incident stays real; saying what it is changes nothing")
    func fixed() {
        let facts = IncidentFacts(title: "t", description: "d")
        var changed = facts
        changed.title = "t2"
        let drill = IncidentState(status: .inTreatment, severity: .minor, exercise: Exercise())
        let real = IncidentState(status: .inTreatment, severity: .minor)
        #expect(
            throws: LifecycleError.exerciseIsFixed,
            performing: {
                try Lifecycle.edit(drill, from: facts, to: changed, roles: [.incidentManager], exercise: false).get()
            })
        #expect(
            throws: LifecycleError.exerciseIsFixed,
            performing: {
                try Lifecycle.edit(real, from: facts, to: changed, roles: [.incidentManager], exercise: true).get()
            })
        #expect(
            (try? Lifecycle.edit(drill, from: facts, to: changed, roles: [.incidentManager], exercise: true).get())
                != nil)
        // Permission is judged first: a reporter is refused as such.
        #expect(
            throws: LifecycleError.forbidden(.editIncident),
            performing: {
                try Lifecycle.edit(drill, from: facts, to: changed, roles: [.reporter], exercise: false).get()
            }
        )
    }

    @Test("an exercise never starts a clock of the law, whatever its assessment")
    func noRegulatoryClock() {
        let assessment = RegulatoryAssessment(
            awareAt: Self.at, personalData: .init(dataCategories: "e-mail", risk: .high, encrypted: false),
            nis2: .init(severeDisruption: true), dora: .init(major: true, classifiedAt: Self.at))
        let settings = RegulationSettings(nis2: .essential, dora: true, country: .be)
        #expect(!RegulatoryClocks.clocks(settings: settings, assessment: assessment, records: []).isEmpty)
        #expect(
            RegulatoryClocks.clocks(settings: settings, assessment: assessment, records: [], exercise: true).isEmpty)
    }

    @Test("an exercise's notifications say so in the subject and the body, in the reader's language")
    func notified() {
        let drill = NotificationEvent(
            kind: .qualified, incidentNumber: "EX-2026-0001", incidentTitle: "Panne", severity: .major,
            exercise: Exercise())
        #expect(
            NotificationText.subject(drill, in: .nl, wording: KeyWording()).hasPrefix("[⟨nl:notification.exercise⟩] "))
        #expect(
            NotificationText.body(drill, for: nil, in: .fr, wording: KeyWording()).hasPrefix(
                "[⟨fr:notification.exercise⟩] "))
        let real = NotificationEvent(
            kind: .qualified, incidentNumber: "INC-2026-0001", incidentTitle: "Panne", severity: .major)
        #expect(NotificationText.subject(real, in: .fr, wording: KeyWording()).hasPrefix("[INC-2026-0001] "))
    }

    @Test("the yearly exercise is due a year after the last, and at once when there never was one")
    func yearly() {
        let year = PlanReminder.year
        #expect(
            PlanReminder.reasons(lastPublishedAt: Self.at, incidentsClosedSince: 0, lastExerciseAt: nil, now: Self.at)
                == [.exerciseDue])
        #expect(
            PlanReminder.reasons(
                lastPublishedAt: Self.at, incidentsClosedSince: 0, lastExerciseAt: Self.at - year + 1, now: Self.at
            ).isEmpty)
        #expect(
            PlanReminder.reasons(
                lastPublishedAt: nil, incidentsClosedSince: 0, lastExerciseAt: Self.at - year, now: Self.at)
                == [.neverPublished, .exerciseDue])
        #expect(PlanReminder.exerciseDue(lastExerciseAt: Self.at, now: Self.at + 5) == Self.at + year)
    }
}
