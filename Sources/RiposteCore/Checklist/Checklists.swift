/// The procedure of each severity, step by step, as the plan template words it.
public enum Checklists {
    public static func steps(for severity: Severity) -> [ChecklistStep] {
        let texts: [LocalizedText]
        switch severity {
        case .low: texts = low
        case .minor: texts = minor
        case .major: texts = major
        case .crisis: texts = crisis
        }
        return texts.enumerated().map { index, text in
            ChecklistStep(key: "\(severity.rawValue).\(index + 1)", severity: severity, number: index + 1, text: text)
        }
    }

    /// Finds a step by its stored key, e.g. `major.9`.
    public static func step(forKey key: String) -> ChecklistStep? {
        Severity.allCases.lazy.flatMap { steps(for: $0) }.first { $0.key == key }
    }

    // §4.2.1: the designated employee analyses, finds the cause, suggests measures.
    static let low: [LocalizedText] = [
        .init(
            fr: "Analyser l’information concernant la faiblesse ou l’événement",
            en: "Analyse the information about the weakness or event",
            nl: "De informatie over de zwakte of de gebeurtenis analyseren"),
        .init(
            fr: "Déterminer si possible la cause",
            en: "Determine the cause if possible",
            nl: "Indien mogelijk de oorzaak bepalen"),
        .init(
            fr: "Au besoin, suggérer des mesures préventives et correctives",
            en: "Where needed, suggest preventive and corrective measures",
            nl: "Indien nodig preventieve en corrigerende maatregelen voorstellen"),
    ]

    // §4.2.2: the five steps for a minor incident.
    static let minor: [LocalizedText] = [
        .init(
            fr: "Prendre des mesures pour endiguer l’incident",
            en: "Take measures to contain the incident",
            nl: "Maatregelen nemen om het incident in te dammen"),
        .init(
            fr: "Enregistrer l’incident et évaluer la gravité en fonction des niveaux et seuils de service définis",
            en: "Record the incident and assess its severity against the defined service levels and thresholds",
            nl: "Het incident registreren en de ernst beoordelen op basis van de vastgelegde serviceniveaus en drempels"
        ),
        .init(
            fr: "Analyser la cause de l’incident",
            en: "Analyse the cause of the incident",
            nl: "De oorzaak van het incident analyseren"),
        .init(
            fr: "Prendre des mesures correctives pour éliminer la cause (dans le délai de résolution convenu)",
            en: "Take corrective measures to remove the cause (within the agreed resolution time)",
            nl: "Corrigerende maatregelen nemen om de oorzaak weg te nemen (binnen de afgesproken oplostijd)"),
        .init(
            fr: "Informer de la résolution les intervenants touchés par l’incident ou impliqués",
            en: "Inform the stakeholders affected by or involved in the incident of its resolution",
            nl: "De betrokken of getroffen belanghebbenden informeren over de oplossing"),
    ]

    // §4.2.3: the nine steps for a major incident.
    static let major: [LocalizedText] = [
        .init(
            fr: "Prendre des mesures pour endiguer l’incident",
            en: "Take measures to contain the incident",
            nl: "Maatregelen nemen om het incident in te dammen"),
        .init(
            fr: "Évaluer la gravité en fonction des niveaux de service et des seuils définis",
            en: "Assess the severity against the defined service levels and thresholds",
            nl: "De ernst beoordelen op basis van de vastgelegde serviceniveaus en drempels"),
        .init(
            fr:
                "Informer les parties prenantes responsables de la zone touchée et indiquer le délai de résolution prévu",
            en: "Inform the stakeholders responsible for the affected area and give the expected resolution time",
            nl:
                "De verantwoordelijke belanghebbenden van het getroffen domein informeren en de verwachte oplostijd meedelen"
        ),
        .init(
            fr: "Constituer l’équipe d’intervention appropriée",
            en: "Assemble the appropriate response team",
            nl: "Het gepaste interventieteam samenstellen"),
        .init(
            fr: "Surveiller l’état d’avancement et informer de l’avancement de la gestion de l’incident",
            en: "Monitor progress and report on the handling of the incident",
            nl: "De voortgang opvolgen en over de afhandeling van het incident rapporteren"),
        .init(
            fr: "Analyser la cause de l’incident",
            en: "Analyse the cause of the incident",
            nl: "De oorzaak van het incident analyseren"),
        .init(
            fr: "Prendre des mesures correctives pour éliminer la cause de l’incident",
            en: "Take corrective measures to remove the cause of the incident",
            nl: "Corrigerende maatregelen nemen om de oorzaak van het incident weg te nemen"),
        .init(
            fr: "Informer de la résolution les intervenants touchés par l’incident ou impliqués",
            en: "Inform the stakeholders affected by or involved in the incident of its resolution",
            nl: "De betrokken of getroffen belanghebbenden informeren over de oplossing"),
        .init(
            fr: "Si l’incident n’est pas réglé dans les délais prévus, escalader vers la gestion de crise",
            en: "If the incident is not settled in the planned time, escalate it to crisis management",
            nl: "Als het incident niet binnen de voorziene termijn is opgelost, escaleren naar crisisbeheer"),
    ]

    // §4.2.4 invokes the Crisis Management Plan; the §4.2.3 table adds the periodic
    // reporting to the crisis manager and the RTO check towards the continuity manager.
    static let crisis: [LocalizedText] = [
        .init(
            fr: "Invoquer le plan de gestion des crises (CMP)",
            en: "Invoke the Crisis Management Plan (CMP)",
            nl: "Het crisisbeheerplan (CMP) inroepen"),
        .init(
            fr: "Informer périodiquement le gestionnaire de crise de la situation et du temps de reprise prévu",
            en: "Inform the crisis manager periodically of the situation and the expected recovery time",
            nl: "De crisismanager periodiek informeren over de situatie en de verwachte hersteltijd"),
        .init(
            fr: "Évaluer périodiquement le temps de reprise prévu face au RTO et remonter au besoin vers la continuité",
            en: "Periodically weigh the expected recovery time against the RTO and escalate to continuity if needed",
            nl: "De verwachte hersteltijd periodiek toetsen aan de RTO en zo nodig escaleren naar continuïteit"),
    ]
}
