import Foundation
import Testing

@testable import RiposteCore

@Suite("Monitoring alerts: Alertmanager's payload, the generic intake, mapping and deduplication (#18)")
struct IntakeTests {
    static let group = """
        {"version":"4","groupKey":"{}:{alertname=\\"DiskFull\\"}","status":"firing","receiver":"riposte",
         "groupLabels":{"alertname":"DiskFull"},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://am:9093",
         "truncatedAlerts":0,
         "alerts":[
          {"status":"firing","labels":{"alertname":"DiskFull","instance":"db1","severity":"critical"},
           "annotations":{"summary":"Disque plein sur db1","description":"/var à 98 %"},
           "startsAt":"2026-12-05T08:00:00.123Z","endsAt":"0001-01-01T00:00:00Z",
           "generatorURL":"http://prom:9090/graph?g0.expr=disk","fingerprint":"a1b2c3"},
          {"status":"resolved","labels":{"alertname":"DiskFull","instance":"db2","severity":"warning"},
           "annotations":{},"startsAt":"2026-12-05T07:00:00Z","endsAt":"2026-12-05T07:30:00Z",
           "generatorURL":"","fingerprint":"d4e5f6"}]}
        """

    @Test("a version 4 group gives one alert per entry: title, description, labels, link back, severity label")
    func alertmanager() throws {
        let alerts = try AlertmanagerPayload.alerts(from: Data(Self.group.utf8))
        #expect(alerts.count == 2)
        #expect(alerts[0].key == "a1b2c3" && alerts[0].status == .firing && alerts[0].title == "Disque plein sur db1")
        #expect(alerts[0].description == "/var à 98 %" && alerts[0].labels["instance"] == "db1")
        #expect(alerts[0].sourceURL == "http://prom:9090/graph?g0.expr=disk" && alerts[0].severityHint == "critical")
        #expect(alerts[1].status == .resolved && alerts[1].title == "DiskFull" && alerts[1].sourceURL == nil)
    }

    @Test(
        "a payload that is not Alertmanager's version 4 is refused by the path of its field",
        arguments: [
            ("[]", "$"), ("{", "$"),
            (#"{"version":"3","status":"firing","groupKey":"g","alerts":[]}"#, "version"),
            (#"{"version":"4","status":"pending","groupKey":"g","alerts":[]}"#, "status"),
            (#"{"version":"4","status":"firing","alerts":[]}"#, "groupKey"),
            (#"{"version":"4","status":"firing","groupKey":"g","alerts":{}}"#, "alerts"),
            (#"{"version":"4","status":"firing","groupKey":"g","alerts":[7]}"#, "alerts[0]"),
            (
                #"{"version":"4","status":"firing","groupKey":"g","alerts":[{"status":"firing","labels":{"a":1},"startsAt":"2026-12-05T08:00:00Z","fingerprint":"f"}]}"#,
                "alerts[0].labels.a"
            ),
            (
                #"{"version":"4","status":"firing","groupKey":"g","alerts":[{"status":"firing","labels":{},"startsAt":"2026-12-05T08:00:00Z","fingerprint":""}]}"#,
                "alerts[0].fingerprint"
            ),
            (
                #"{"version":"4","status":"firing","groupKey":"g","alerts":[{"status":"firing","labels":{},"startsAt":"hier","fingerprint":"f"}]}"#,
                "alerts[0].startsAt"
            ),
            (
                #"{"version":"4","status":"firing","groupKey":"g","alerts":[{"status":"gone","labels":{},"startsAt":"2026-12-05T08:00:00Z","fingerprint":"f"}]}"#,
                "alerts[0].status"
            ),
        ])
    func malformed(payload: String, path: String) {
        let result = Result { () throws(MalformedPayload) in try AlertmanagerPayload.alerts(from: Data(payload.utf8)) }
        guard case .failure(let error) = result else {
            Issue.record("accepted")
            return
        }
        #expect(error.path == path)
    }

    @Test("a blank summary falls back on the alert's name; NUL is refused where it is")
    func blankAndNul() throws {
        let blank =
            #"{"version":"4","status":"firing","groupKey":"g","alerts":[{"status":"firing","labels":{"alertname":"DiskFull"},"annotations":{"summary":"  "},"startsAt":"2026-12-05T08:00:00Z","fingerprint":"f"}]}"#
        #expect(try AlertmanagerPayload.alerts(from: Data(blank.utf8)).first?.title == "DiskFull")
        let nul =
            #"{"version":"4","status":"firing","groupKey":"g","alerts":[{"status":"firing","labels":{"instance":"a\u0000b"},"startsAt":"2026-12-05T08:00:00Z","fingerprint":"f"}]}"#
        let result = Result { () throws(MalformedPayload) in try AlertmanagerPayload.alerts(from: Data(nul.utf8)) }
        guard case .failure(let error) = result else {
            Issue.record("accepted")
            return
        }
        #expect(error.path == "alerts[0].labels.instance")
        let title = Result { () throws(MalformedPayload) in
            try GenericAlert.alert(from: Data(#"{"title":"\n","key":"k"}"#.utf8))
        }
        guard case .failure(let refused) = title else {
            Issue.record("accepted")
            return
        }
        #expect(refused.path == "title")
    }

    @Test("the generic intake: a title and a key, firing unless it says resolved; anything else by its field")
    func generic() throws {
        let alert = try GenericAlert.alert(
            from: Data(#"{"title":"Sauvegarde échouée","key":"backup-nas","severity":"High"}"#.utf8))
        #expect(alert.status == .firing && alert.key == "backup-nas" && alert.severityHint == "High")
        for (payload, path) in [
            (#"{"key":"k"}"#, "title"), (#"{"title":"t"}"#, "key"),
            (#"{"title":"t","key":"k","status":"done"}"#, "status"),
            (#"{"title":"t","key":"k","description":5}"#, "description"), ("nope", "$"),
        ] {
            let result = Result { () throws(MalformedPayload) in try GenericAlert.alert(from: Data(payload.utf8)) }
            guard case .failure(let error) = result else {
                Issue.record("accepted \(payload)")
                continue
            }
            #expect(error.path == path, "\(payload)")
        }
    }

    @Test(
        "Faible unless the integration maps the label; the same key while open only counts; resolved notes or resolves")
    func rules() throws {
        let settings = IntegrationSettings(mapping: ["critical": .major, "warning": .minor], autoResolve: true)
        let critical = MonitoringAlert(key: "a", status: .firing, title: "x", severityHint: "CRITICAL")
        let unknown = MonitoringAlert(key: "b", status: .firing, title: "x", severityHint: "page")
        #expect(IntegrationRules.decide(critical, open: nil, settings: settings) == .file(.major))
        #expect(IntegrationRules.decide(unknown, open: nil, settings: settings) == .file(.low))
        #expect(IntegrationRules.decide(unknown, open: nil, settings: IntegrationSettings()) == .file(.low))
        let open = AlertedIncident(status: .qualified, severity: .low)
        #expect(IntegrationRules.decide(critical, open: open, settings: settings) == .repeated)

        let resolved = MonitoringAlert(key: "a", status: .resolved, title: "x")
        #expect(IntegrationRules.decide(resolved, open: nil, settings: settings) == .ignore)
        #expect(IntegrationRules.decide(resolved, open: open, settings: settings) == .resolve)
        #expect(
            IntegrationRules.decide(resolved, open: open, settings: IntegrationSettings(autoResolve: false))
                == .noteResolved)
        #expect(
            IntegrationRules.decide(
                resolved, open: AlertedIncident(status: .inTreatment, severity: .minor), settings: settings)
                == .noteResolved)
    }

    @Test(
        "the event is qualified at the mapped severity under the alert's name; resolving follows the lifecycle's edges")
    func qualificationAndResolution() {
        let alert = MonitoringAlert(key: "a", status: .firing, title: "Disque plein", labels: ["alertname": "DiskFull"])
        let qualification = IntegrationRules.qualification(of: alert, severity: .low)
        #expect(
            qualification.type == "DiskFull" && qualification.newStatus == .qualified && qualification.severityChanged)
        let steps = IntegrationRules.resolution(of: AlertedIncident(status: .qualified, severity: .low), reason: "fin")
        #expect(steps.map(\.to) == [.inTreatment, .resolved])
        for step in steps { #expect(Lifecycle.edges[step.from]?[step.to] == step.action) }
        #expect(
            IntegrationRules.resolution(of: AlertedIncident(status: .inTreatment, severity: .low), reason: "").count
                == 1)
        #expect(
            IntegrationRules.resolution(of: AlertedIncident(status: .inTreatment, severity: .major), reason: "").isEmpty
        )
    }

    @Test(
        "a machine never resolves what a person raised above Faible, nor a major incident",
        arguments: [
            (AlertedIncident(status: .qualified, severity: .minor), false),
            (AlertedIncident(status: .inTreatment, severity: .major), false),
            (AlertedIncident(status: .qualified, severity: .crisis), false),
            (AlertedIncident(status: .eradication, severity: .low), false),
            (AlertedIncident(status: .inTreatment, severity: .low), true),
            (AlertedIncident(status: .reported, severity: nil), false),
            (AlertedIncident(status: .qualified, severity: .low), true),
        ])
    func machineLimits(incident: AlertedIncident, allowed: Bool) {
        #expect(IntegrationRules.machineMayResolve(incident) == allowed)
    }
}
