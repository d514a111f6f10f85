import Foundation
import PostgresKit
import RiposteCore

/// The columns of `incidents` an `IncidentRow` holds, declared once: the select list, the
/// filing's insert, the update of changed incidents and the reads by position all follow
/// this order. A new column is a case here, a field of the row, and the two switches below,
/// which the compiler holds complete.
package enum IncidentColumn: Int, CaseIterable, Sendable {
    case id, number, title, description, type, severity, status, channel, customersAffected, team
    case reporterId, reportedAt, detectedAt, qualifiedAt, resolvedAt, closedAt, updatedAt, version
    case slaPausedSeconds, slaPausedSince, severitySince, expectedRecoveryAt, lastStatusReportAt, nextDueAt
    case bcpActiveSince, cmpActiveSince, drpActiveSince, bcpCloseAgreedAt, cmpCloseAgreedAt, reviewComplete
    case escalatedKeys
    case irpMark, irpMarkAt, bcpMark, bcpMarkAt, cmpMark, cmpMarkAt, drpMark, drpMarkAt
    case slaPausedBeforeSeverity
    case ownerId, impact, resourcesAllocated
    case exercise
    case qualifySeconds, resolveSeconds, resolveSlaSeconds

    /// The column's name: the case's, in snake case.
    package var name: String { Self.names[rawValue] }

    private static let names: [String] = allCases.map { column in
        String(describing: column).reduce(into: "") { name, character in
            if character.isUppercase { name += "_" + character.lowercased() } else { name.append(character) }
        }
    }

    /// Set when the incident is filed, never changed after (the reporter's words are kept in the
    /// journal's first entry; the title and description may be corrected).
    package var isSetAtFiling: Bool {
        switch self {
        case .id, .number, .channel, .reporterId, .reportedAt, .detectedAt, .exercise: true
        default: false
        }
    }

    /// The columns a change of an incident writes.
    package static let changing = allCases.filter { !$0.isSetAtFiling }

    /// `a, b, c`: the select list of a row.
    package static let selectList = allCases.map(\.name).joined(separator: ", ")

    /// The type of the array a batch of values is bound as on PostgreSQL.
    package var postgresType: PostgresDataType {
        switch self {
        case .id, .reporterId, .ownerId: .uuid
        case .customersAffected, .reviewComplete: .bool
        case .version, .slaPausedSeconds, .slaPausedBeforeSeverity, .qualifySeconds, .resolveSeconds,
            .resolveSlaSeconds:
            .int8
        case .reportedAt, .detectedAt, .qualifiedAt, .resolvedAt, .closedAt, .updatedAt, .slaPausedSince,
            .severitySince, .expectedRecoveryAt, .lastStatusReportAt, .nextDueAt, .bcpActiveSince, .cmpActiveSince,
            .drpActiveSince, .bcpCloseAgreedAt, .cmpCloseAgreedAt, .irpMarkAt, .bcpMarkAt, .cmpMarkAt, .drpMarkAt:
            .timestamptz
        case .number, .title, .description, .type, .severity, .status, .channel, .team, .escalatedKeys, .irpMark,
            .bcpMark, .cmpMark, .drpMark, .impact, .resourcesAllocated, .exercise:
            .text
        }
    }
}

extension IncidentRow {
    /// The value of `column`, as it is bound.
    package func cell(_ column: IncidentColumn) -> Cell {
        switch column {
        case .id: id.cell
        case .number: number.cell
        case .title: title.cell
        case .description: description.cell
        case .type: type.cell
        case .severity: severity.cell
        case .status: status.cell
        case .channel: channel.cell
        case .customersAffected: customersAffected.cell
        case .team: team.cell
        case .reporterId: reporterId.cell
        case .reportedAt: reportedAt.cell
        case .detectedAt: detectedAt.cell
        case .qualifiedAt: qualifiedAt.cell
        case .resolvedAt: resolvedAt.cell
        case .closedAt: closedAt.cell
        case .updatedAt: updatedAt.cell
        case .version: version.cell
        case .slaPausedSeconds: slaPausedSeconds.cell
        case .slaPausedSince: slaPausedSince.cell
        case .severitySince: severitySince.cell
        case .expectedRecoveryAt: expectedRecoveryAt.cell
        case .lastStatusReportAt: lastStatusReportAt.cell
        case .nextDueAt: nextDueAt.cell
        case .bcpActiveSince: bcpActiveSince.cell
        case .cmpActiveSince: cmpActiveSince.cell
        case .drpActiveSince: drpActiveSince.cell
        case .bcpCloseAgreedAt: bcpCloseAgreedAt.cell
        case .cmpCloseAgreedAt: cmpCloseAgreedAt.cell
        case .reviewComplete: reviewComplete.cell
        case .escalatedKeys: escalatedKeys.cell
        case .irpMark: irpMark.cell
        case .irpMarkAt: irpMarkAt.cell
        case .bcpMark: bcpMark.cell
        case .bcpMarkAt: bcpMarkAt.cell
        case .cmpMark: cmpMark.cell
        case .cmpMarkAt: cmpMarkAt.cell
        case .drpMark: drpMark.cell
        case .drpMarkAt: drpMarkAt.cell
        case .slaPausedBeforeSeverity: slaPausedBeforeSeverity.cell
        case .ownerId: ownerId.cell
        case .impact: impact.cell
        case .resourcesAllocated: resourcesAllocated.cell
        case .exercise: exercise.cell
        case .qualifySeconds: qualifySeconds.cell
        case .resolveSeconds: resolveSeconds.cell
        case .resolveSlaSeconds: resolveSLASeconds.cell
        }
    }

    /// From a row of `IncidentColumn.selectList`, in its order (see `DriverRows`).
    package init(_ row: any PositionalRow) throws {
        typealias C = IncidentColumn
        id = try row.uuid(C.id.rawValue)
        number = try row.string(C.number.rawValue)
        title = try row.string(C.title.rawValue)
        description = try row.string(C.description.rawValue)
        type = try row.optionalString(C.type.rawValue)
        severity = try row.optionalString(C.severity.rawValue)
        status = try row.string(C.status.rawValue)
        channel = try row.string(C.channel.rawValue)
        customersAffected = try row.bool(C.customersAffected.rawValue)
        team = try row.optionalString(C.team.rawValue)
        reporterId = try row.uuid(C.reporterId.rawValue)
        reportedAt = try row.date(C.reportedAt.rawValue)
        detectedAt = try row.optionalDate(C.detectedAt.rawValue)
        qualifiedAt = try row.optionalDate(C.qualifiedAt.rawValue)
        resolvedAt = try row.optionalDate(C.resolvedAt.rawValue)
        closedAt = try row.optionalDate(C.closedAt.rawValue)
        updatedAt = try row.date(C.updatedAt.rawValue)
        version = try row.int(C.version.rawValue)
        slaPausedSeconds = try row.int(C.slaPausedSeconds.rawValue)
        slaPausedSince = try row.optionalDate(C.slaPausedSince.rawValue)
        severitySince = try row.optionalDate(C.severitySince.rawValue)
        expectedRecoveryAt = try row.optionalDate(C.expectedRecoveryAt.rawValue)
        lastStatusReportAt = try row.optionalDate(C.lastStatusReportAt.rawValue)
        nextDueAt = try row.optionalDate(C.nextDueAt.rawValue)
        bcpActiveSince = try row.optionalDate(C.bcpActiveSince.rawValue)
        cmpActiveSince = try row.optionalDate(C.cmpActiveSince.rawValue)
        drpActiveSince = try row.optionalDate(C.drpActiveSince.rawValue)
        bcpCloseAgreedAt = try row.optionalDate(C.bcpCloseAgreedAt.rawValue)
        cmpCloseAgreedAt = try row.optionalDate(C.cmpCloseAgreedAt.rawValue)
        reviewComplete = try row.bool(C.reviewComplete.rawValue)
        escalatedKeys = try row.string(C.escalatedKeys.rawValue)
        irpMark = try row.optionalString(C.irpMark.rawValue)
        irpMarkAt = try row.optionalDate(C.irpMarkAt.rawValue)
        bcpMark = try row.optionalString(C.bcpMark.rawValue)
        bcpMarkAt = try row.optionalDate(C.bcpMarkAt.rawValue)
        cmpMark = try row.optionalString(C.cmpMark.rawValue)
        cmpMarkAt = try row.optionalDate(C.cmpMarkAt.rawValue)
        drpMark = try row.optionalString(C.drpMark.rawValue)
        drpMarkAt = try row.optionalDate(C.drpMarkAt.rawValue)
        slaPausedBeforeSeverity = try row.optionalInt(C.slaPausedBeforeSeverity.rawValue)
        ownerId = try row.optionalUUID(C.ownerId.rawValue)
        impact = try row.optionalString(C.impact.rawValue)
        resourcesAllocated = try row.optionalString(C.resourcesAllocated.rawValue)
        exercise = try row.optionalString(C.exercise.rawValue)
        qualifySeconds = try row.optionalInt(C.qualifySeconds.rawValue)
        resolveSeconds = try row.optionalInt(C.resolveSeconds.rawValue)
        resolveSLASeconds = try row.optionalInt(C.resolveSlaSeconds.rawValue)
    }
}
