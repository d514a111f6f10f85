import Foundation

/// What the handlers found about an incident's weight in law (#17 point 2): whether personal data
/// is involved and how badly, whether it is a significant incident for NIS2, a major one for
/// DORA, and when the organisation became aware of it, which every clock counts from.
public struct RegulatoryAssessment: Sendable, Equatable, Codable {
    public enum Risk: String, CaseIterable, Codable, Sendable {
        /// Unlikely to result in a risk to people (art. 33(1)): the authority need not be told,
        /// the decision is recorded.
        case none
        case risk
        /// A high risk to people's rights and freedoms: they are told too (art. 34).
        case high
    }

    /// GDPR art. 33(3) (a), (c), (d) and art. 34.
    public struct PersonalData: Sendable, Equatable, Codable {
        public var dataCategories: String
        public var subjectCategories: String
        public var approximateSubjects: Int?
        public var approximateRecords: Int?
        public var consequences: String
        public var measures: String
        public var risk: Risk
        /// The data was unintelligible to whoever got it (art. 34(3)(a)): people need not be told.
        public var encrypted: Bool

        public init(
            dataCategories: String = "", subjectCategories: String = "", approximateSubjects: Int? = nil,
            approximateRecords: Int? = nil, consequences: String = "", measures: String = "", risk: Risk = .risk,
            encrypted: Bool = false
        ) {
            self.dataCategories = dataCategories
            self.subjectCategories = subjectCategories
            self.approximateSubjects = approximateSubjects
            self.approximateRecords = approximateRecords
            self.consequences = consequences
            self.measures = measures
            self.risk = risk
            self.encrypted = encrypted
        }
    }

    /// NIS2 art. 23(3): significant when any of the first three holds; the last two are what the
    /// early warning says (23(4)(a)).
    public struct NIS2: Sendable, Equatable, Codable {
        public var severeDisruption: Bool
        public var financialLoss: Bool
        public var damageToOthers: Bool
        public var suspectedMalicious: Bool
        public var crossBorder: Bool

        public init(
            severeDisruption: Bool = false, financialLoss: Bool = false, damageToOthers: Bool = false,
            suspectedMalicious: Bool = false, crossBorder: Bool = false
        ) {
            self.severeDisruption = severeDisruption
            self.financialLoss = financialLoss
            self.damageToOthers = damageToOthers
            self.suspectedMalicious = suspectedMalicious
            self.crossBorder = crossBorder
        }

        public var significant: Bool { severeDisruption || financialLoss || damageToOthers }
    }

    /// DORA: the incident classified as major, and when (the 4 hours count from then).
    public struct DORA: Sendable, Equatable, Codable {
        public var major: Bool
        public var classifiedAt: Date?

        public init(major: Bool = false, classifiedAt: Date? = nil) {
            self.major = major
            self.classifiedAt = classifiedAt.map(JournalClock.truncate)
        }
    }

    public var awareAt: Date
    /// Nil: no personal data involved.
    public var personalData: PersonalData?
    public var nis2: NIS2?
    public var dora: DORA?

    public init(awareAt: Date, personalData: PersonalData? = nil, nis2: NIS2? = nil, dora: DORA? = nil) {
        self.awareAt = JournalClock.truncate(awareAt)
        self.personalData = personalData
        self.nis2 = nis2
        self.dora = dora
    }

    /// The assessment of an incident nobody assessed yet: aware since it was reported.
    public static func unassessed(reportedAt: Date) -> RegulatoryAssessment {
        RegulatoryAssessment(awareAt: reportedAt)
    }

    /// Whether it goes in the breach register (art. 33(5)).
    public var isBreach: Bool { personalData != nil }
}

extension RegulatoryAssessment {
    /// The longest count of people or records an assessment may give.
    public static let countLimit = 1_000_000_000_000

    /// The assessment as typed, checked against the incident reported at `reportedAt`, at `now`:
    /// the awareness neither in the future nor more than a (calendar) year before the report; a DORA
    /// classification neither before awareness nor in the future (missing: `now`); counts
    /// positive; texts within their limits, trimmed.
    public func validated(reportedAt: Date, at now: Date) throws(FieldError) -> RegulatoryAssessment {
        guard awareAt <= now else { throw FieldError(field: "awareAt", problem: .outOfRange) }
        guard awareAt >= RegulatoryClocks.utc.date(byAdding: .year, value: -1, to: reportedAt) ?? reportedAt else {
            throw FieldError(field: "awareAt", problem: .outOfRange)
        }
        var checked = self
        if let data = personalData {
            var clean = data
            clean.dataCategories =
                try TextRule.optional(
                    data.dataCategories, field: "personalData.dataCategories", max: FieldLimits.detail)
                ?? ""
            clean.subjectCategories =
                try TextRule.optional(
                    data.subjectCategories, field: "personalData.subjectCategories", max: FieldLimits.detail) ?? ""
            clean.consequences =
                try TextRule.optional(data.consequences, field: "personalData.consequences", max: FieldLimits.detail)
                ?? ""
            clean.measures =
                try TextRule.optional(data.measures, field: "personalData.measures", max: FieldLimits.detail) ?? ""
            for (field, count) in [
                ("personalData.approximateSubjects", data.approximateSubjects),
                ("personalData.approximateRecords", data.approximateRecords),
            ] {
                if let count, count < 0 || count > Self.countLimit {
                    throw FieldError(field: field, problem: .outOfRange, limit: Self.countLimit)
                }
            }
            checked.personalData = clean
        }
        if var dora, dora.major {
            let classified = dora.classifiedAt ?? JournalClock.truncate(now)
            guard classified <= now, classified >= awareAt else {
                throw FieldError(field: "dora.classifiedAt", problem: .outOfRange)
            }
            dora.classifiedAt = classified
            checked.dora = dora
        } else if dora != nil {
            checked.dora = DORA(major: false)
        }
        return checked
    }

    /// What changed from `previous`, for the journal: each answer that changed, by question
    /// (its new value), and the times that moved (awareness, classification).
    public func changes(from previous: RegulatoryAssessment) -> (answers: [String: String], times: [String: Date]) {
        var answers: [String: String] = [:]
        for key in Set(previous.answers.keys).union(self.answers.keys) where previous.answers[key] != self.answers[key]
        {
            answers[key] = self.answers[key] ?? ""
        }
        var times: [String: Date] = [:]
        if awareAt != previous.awareAt { times["awareAt"] = awareAt }
        if let classified = dora?.classifiedAt, classified != previous.dora?.classifiedAt {
            times["dora.classifiedAt"] = classified
        }
        return (answers, times)
    }

    /// Every answer but the times, as text, by question: what the journal records.
    public var answers: [String: String] {
        var answers: [String: String] = ["personalData": String(isBreach)]
        if let data = personalData {
            answers["personalData.dataCategories"] = data.dataCategories
            answers["personalData.subjectCategories"] = data.subjectCategories
            answers["personalData.approximateSubjects"] = data.approximateSubjects.map(String.init) ?? ""
            answers["personalData.approximateRecords"] = data.approximateRecords.map(String.init) ?? ""
            answers["personalData.consequences"] = data.consequences
            answers["personalData.measures"] = data.measures
            answers["personalData.risk"] = data.risk.rawValue
            answers["personalData.encrypted"] = String(data.encrypted)
        }
        if let nis2 {
            answers["nis2.severeDisruption"] = String(nis2.severeDisruption)
            answers["nis2.financialLoss"] = String(nis2.financialLoss)
            answers["nis2.damageToOthers"] = String(nis2.damageToOthers)
            answers["nis2.suspectedMalicious"] = String(nis2.suspectedMalicious)
            answers["nis2.crossBorder"] = String(nis2.crossBorder)
        }
        if let dora { answers["dora.major"] = String(dora.major) }
        return answers
    }
}
