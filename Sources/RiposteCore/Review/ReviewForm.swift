/// The post-incident review form of §4.6, section by section, in the three languages.
/// Some answers are filled in from the incident (`ReviewPrefill`); the choice lists are the
/// template's own.
public struct ReviewQuestion: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Free text.
        case text
        case yesNo
        /// One of the listed answers (keys), each with its words.
        case choice([String])
        /// Filled in from the incident; shown, not typed.
        case prefilled
    }

    public let key: String
    public let text: LocalizedText
    public let kind: Kind
    /// The review is complete only when every required question has an answer.
    public let required: Bool
}

public struct ReviewSection: Sendable, Equatable {
    public let key: String
    public let title: LocalizedText
    public let questions: [ReviewQuestion]
}

public enum ReviewForm {
    static func q(
        _ key: String, _ fr: String, _ en: String, _ nl: String, _ kind: ReviewQuestion.Kind = .text,
        required: Bool = true
    ) -> ReviewQuestion {
        ReviewQuestion(key: key, text: LocalizedText(fr: fr, en: en, nl: nl), kind: kind, required: required)
    }

    static func s(
        _ key: String, _ fr: String, _ en: String, _ nl: String, _ questions: [ReviewQuestion]
    )
        -> ReviewSection
    {
        ReviewSection(key: key, title: LocalizedText(fr: fr, en: en, nl: nl), questions: questions)
    }

    /// The answers of a choice question, with their words.
    public static let choices: [String: LocalizedText] = [
        "rto.none": LocalizedText(
            fr: "Pour aucune des activités", en: "For none of the activities", nl: "Voor geen enkele activiteit"),
        "rto.some": LocalizedText(
            fr: "Seulement pour quelques activités", en: "For some activities only",
            nl: "Slechts voor enkele activiteiten"),
        "rto.all": LocalizedText(
            fr: "Pour toutes les activités", en: "For all activities", nl: "Voor alle activiteiten"),
        "management.none": LocalizedText(
            fr: "Le management n'a pas répondu ou n'a pas répondu de manière satisfaisante.",
            en: "Management did not respond, or not satisfactorily.",
            nl: "Het management heeft niet of niet naar behoren gereageerd."),
        "management.partial": LocalizedText(
            fr: "Le management a répondu, mais n'a pas suivi complètement les plans.",
            en: "Management responded but did not fully follow the plans.",
            nl: "Het management heeft gereageerd maar de plannen niet volledig gevolgd."),
        "management.full": LocalizedText(
            fr: "Le management a répondu pleinement conformément aux plans.",
            en: "Management responded fully in line with the plans.",
            nl: "Het management heeft volledig volgens de plannen gereageerd."),
        "staff.1": LocalizedText(fr: "1. Non préparé", en: "1. Not prepared", nl: "1. Niet voorbereid"),
        "staff.2": LocalizedText(
            fr: "2. Partiellement préparé", en: "2. Partly prepared", nl: "2. Gedeeltelijk voorbereid"),
        "staff.3": LocalizedText(fr: "3. Entièrement préparé", en: "3. Fully prepared", nl: "3. Volledig voorbereid"),
        "yes": LocalizedText(fr: "Oui", en: "Yes", nl: "Ja"),
        "no": LocalizedText(fr: "Non", en: "No", nl: "Nee"),
    ]

    public static let sections: [ReviewSection] = [
        s(
            "administration", "Administration", "Administration", "Administratie",
            [
                q(
                    "number", "Numéro de l'incident dans le registre des incidents", "Incident number in the register",
                    "Nummer van het incident in het register", .prefilled),
                q(
                    "detectedAt", "Date et heure de la détection de l'incident",
                    "Date and time the incident was detected", "Datum en uur van de vaststelling", .prefilled),
                q(
                    "resolvedAt", "Date et heure de la résolution de l'incident",
                    "Date and time the incident was resolved", "Datum en uur van de oplossing", .prefilled),
                q("type", "Type d'incident", "Type of incident", "Type incident", .prefilled),
                q(
                    "severity", "Gravité de l'incident", "Severity of the incident", "Ernst van het incident",
                    .prefilled),
                q(
                    "customersAffected", "Les clients ont-ils été touchés", "Were customers affected",
                    "Werden klanten getroffen", .prefilled),
                q("manager", "Gestionnaire de l'incident", "Incident manager", "Incidentbeheerder", .prefilled),
                q(
                    "description", "Description de l'incident", "Description of the incident",
                    "Beschrijving van het incident", .prefilled),
            ]),
        s(
            "detection", "Détection", "Detection", "Detectie",
            [
                q(
                    "detection.how", "Comment et par qui l'incident a-t-il été détecté",
                    "How and by whom was the incident detected", "Hoe en door wie werd het incident vastgesteld"),
                q(
                    "detection.early", "L'incident a-t-il été détecté rapidement ou aurait-il pu l'être plus tôt",
                    "Was the incident detected quickly, or could it have been earlier",
                    "Werd het incident snel vastgesteld of had dat vroeger gekund"),
                q(
                    "detection.tools",
                    "Peut-on utiliser des procédures ou des outils pour détecter les incidents plus tôt",
                    "Can procedures or tools detect incidents earlier",
                    "Kunnen procedures of hulpmiddelen incidenten vroeger opsporen", required: false),
                q(
                    "detection.procedures", "Les procédures de notification des incidents ont-elles été suivies",
                    "Were the incident notification procedures followed", "Werden de meldingsprocedures gevolgd", .yesNo
                ),
            ]),
        s(
            "evaluation", "Évaluation et actions", "Assessment and actions", "Beoordeling en acties",
            [
                q(
                    "evaluation.correct", "L'incident a-t-il été évalué correctement",
                    "Was the incident assessed correctly", "Werd het incident correct beoordeeld", .yesNo),
                q(
                    "evaluation.information", "L'information appropriée était-elle disponible pour ce faire",
                    "Was the right information available to do so", "Was de juiste informatie daarvoor beschikbaar",
                    .yesNo),
                q(
                    "plansActivated", "Quels plans ont été activés (BCP, CMP, DRP)",
                    "Which plans were activated (BCP, CMP, DRP)", "Welke plannen werden geactiveerd (BCP, CMP, DRP)",
                    .prefilled),
                q(
                    "cmpActivated", "Le plan de gestion des crises (CMP) a-t-il été activé",
                    "Was the crisis management plan (CMP) activated", "Werd het crisisbeheerplan (CMP) geactiveerd",
                    .prefilled),
                q(
                    "evaluation.otherMeasures", "Quelles autres mesures ont été prises pour résoudre l'incident",
                    "What other measures were taken to resolve the incident",
                    "Welke andere maatregelen werden genomen om het incident op te lossen", required: false),
                q(
                    "evaluation.resources", "Quelles ressources ont été utilisées pour gérer l'incident",
                    "What resources were used to handle the incident",
                    "Welke middelen werden gebruikt om het incident te beheren"),
                q(
                    "evaluation.flexible",
                    "Le plan est-il suffisamment souple pour faire face à des événements imprévus",
                    "Is the plan flexible enough for unforeseen events",
                    "Is het plan flexibel genoeg voor onvoorziene gebeurtenissen", .yesNo),
                q(
                    "evaluation.timely", "Les mesures ont-elles été prises en temps opportun",
                    "Were the measures taken in time", "Werden de maatregelen tijdig genomen", .yesNo),
            ]),
        s(
            "communication", "Activités de communication", "Communication", "Communicatie",
            [
                q(
                    "communication.internal", "Une communication interne a-t-elle été envoyée (en temps voulu)",
                    "Was an internal communication sent (in time)", "Werd (tijdig) intern gecommuniceerd", .yesNo),
                q(
                    "communication.external", "La communication externe a-t-elle été envoyée (en temps voulu)",
                    "Was the external communication sent (in time)", "Werd (tijdig) extern gecommuniceerd", .yesNo),
                q(
                    "communication.media", "Quels médias ont été utilisés", "Which media were used",
                    "Welke media werden gebruikt", .prefilled),
                q(
                    "communication.firstAndFrequency",
                    "Quand la première communication a-t-elle été envoyée et quelle fréquence de mise à jour a-t-elle été utilisée",
                    "When was the first communication sent, and how often were updates sent",
                    "Wanneer werd de eerste communicatie verstuurd en hoe vaak werden updates gestuurd", .prefilled),
                q(
                    "communication.involved", "Les personnes concernées ont-elles été impliquées",
                    "Were the people concerned involved", "Werden de betrokkenen erbij betrokken", .yesNo),
                q(
                    "communication.useful", "Quelles sont les communications utiles",
                    "Which communications were useful", "Welke communicatie was nuttig", required: false),
                q(
                    "communication.ineffective",
                    "Quelles communications ont été employées et se sont révélées inefficaces",
                    "Which communications proved ineffective", "Welke communicatie bleek ondoeltreffend",
                    required: false),
            ]),
        s(
            "rootCause", "Analyse des causes profondes", "Root cause analysis", "Analyse van de grondoorzaken",
            [
                q(
                    "rootCause.found", "La cause de l'incident a-t-elle été détectée",
                    "Was the cause of the incident found", "Werd de oorzaak van het incident gevonden", .yesNo),
                q(
                    "relatedIncidents", "Incidents liés ou de nature similaire", "Related or similar incidents",
                    "Verwante of gelijkaardige incidenten", .prefilled),
                q(
                    "rootCause.underlying", "Y a-t-il un problème sous-jacent", "Is there an underlying problem",
                    "Is er een onderliggend probleem"),
                q(
                    "rootCause.underlyingFound",
                    "Le problème sous-jacent a-t-il été détecté (voir étape 4 Éradication)",
                    "Was the underlying problem found (see stage 4, eradication)",
                    "Werd het onderliggende probleem gevonden (zie fase 4, uitroeiing)", .yesNo),
            ]),
        s(
            "prevention", "Prévention", "Prevention", "Preventie",
            [
                q(
                    "prevention.learned", "Que peut-on apprendre de ce qui s'est passé",
                    "What can be learned from what happened", "Wat kunnen we leren uit wat er gebeurde"),
                q(
                    "prevention.measures",
                    "Comment éviter la répétition d'incidents, quelles mesures peuvent être prises pour le faire et qui est responsable de leur exécution",
                    "How to avoid a repeat, what measures can be taken, and who carries them out",
                    "Hoe herhaling vermijden, welke maatregelen nemen en wie voert ze uit"),
            ]),
        s(
            "management", "Pertinence de la réponse du management", "Relevance of management's response",
            "Relevantie van de reactie van het management",
            [
                q(
                    "recoveryVsRTO", "Temps réel de récupération (comparé au Recovery Time Objective, RTO)",
                    "Actual recovery time (against the Recovery Time Objective, RTO)",
                    "Werkelijke hersteltijd (tegenover de Recovery Time Objective, RTO)", .prefilled),
                q(
                    "management.rto", "L'incident a été résolu dans le délai prédéterminé",
                    "The incident was resolved within the set time",
                    "Het incident werd binnen de vooropgestelde termijn opgelost",
                    .choice(["rto.none", "rto.some", "rto.all"])),
                q(
                    "management.contracts", "Faut-il réadapter les contrats", "Should contracts be revised",
                    "Moeten contracten herzien worden", .yesNo),
                q(
                    "management.response",
                    "Pertinence de la réponse du management à l'incident, conformément au plan de gestion des incidents",
                    "Relevance of management's response, per the incident management plan",
                    "Relevantie van de reactie van het management volgens het incidentbeheerplan",
                    .choice(["management.none", "management.partial", "management.full"])),
                q(
                    "management.staff", "Niveau de préparation des employés à l'incident",
                    "How prepared staff were for the incident", "Voorbereidingsniveau van de medewerkers",
                    .choice(["staff.1", "staff.2", "staff.3"])),
            ]),
        s(
            "improvements", "Améliorations souhaitées", "Improvements wanted", "Gewenste verbeteringen",
            [
                q(
                    "improvements.adjust", "Quels éléments pourraient être ajustés", "What could be adjusted",
                    "Wat kan bijgestuurd worden"),
                q(
                    "feedback.riskAssessment", "Faut-il revoir le risk assessment et le risk treatment",
                    "Should the risk assessment and risk treatment be revised",
                    "Moeten de risk assessment en risk treatment herzien worden", .yesNo),
                q(
                    "feedback.bcp", "Faut-il améliorer le plan de continuité des activités (BCP)",
                    "Should the business continuity plan (BCP) be improved",
                    "Moet het bedrijfscontinuïteitsplan (BCP) verbeterd worden", .yesNo),
            ]),
        s(
            "damages", "Dommages et intérêts", "Damages", "Schadevergoeding",
            [
                q(
                    "damages.claims", "Y a-t-il des demandes de dommages-intérêts", "Are there claims for damages",
                    "Zijn er schadeclaims", .yesNo),
                q(
                    "damages.thirdParties",
                    "Des demandes de dommages-intérêts ont été déposées auprès de tiers dans le cadre de cet incident",
                    "Claims for damages filed with third parties for this incident",
                    "Schadeclaims ingediend bij derden voor dit incident", required: false),
            ]),
        s(
            "misc", "Divers", "Miscellaneous", "Diversen",
            [
                q("misc.notes", "Divers", "Other remarks", "Andere opmerkingen", required: false)
            ]),
    ]

    public static var questions: [ReviewQuestion] { sections.flatMap(\.questions) }

    public static func question(_ key: String) -> ReviewQuestion? { questions.first { $0.key == key } }

    /// The follow-up each feedback flag of chapter II creates, and whose task it is.
    public static let feedbackTasks: [(key: String, role: Role, title: LocalizedText)] = [
        (
            "feedback.riskAssessment", .continuityManager,
            LocalizedText(
                fr: "Revoir le risk assessment et le risk treatment",
                en: "Revise the risk assessment and risk treatment",
                nl: "De risk assessment en risk treatment herzien")
        ),
        (
            "management.contracts", .admin,
            LocalizedText(
                fr: "Revoir les contrats fournisseurs", en: "Revise the supplier contracts",
                nl: "De leverancierscontracten herzien")
        ),
        (
            "feedback.bcp", .continuityManager,
            LocalizedText(
                fr: "Améliorer le plan de continuité des activités", en: "Improve the business continuity plan",
                nl: "Het bedrijfscontinuïteitsplan verbeteren")
        ),
    ]
}
