/// A drill (#20 point 1; plan template chapter II: "les procédures prévues … testées de manière
/// approfondie"): an incident filed as an exercise runs the whole lifecycle, and the people
/// it concerns are told in the app and by e-mail, since that is what is practised. What would
/// leave the organisation stays inside unless the exercise names the channel; the law's
/// clocks never start. Being an exercise is decided when the incident is filed, never after.
public struct Exercise: Sendable, Equatable, Hashable, Codable {
    /// The outside channels the drill may use.
    public var channels: Set<ExerciseChannel>

    public init(channels: Set<ExerciseChannel> = []) {
        self.channels = channels
    }

    public func reaches(_ channel: ExerciseChannel) -> Bool { channels.contains(channel) }

    /// As it is stored: the channels' names, sorted, comma-separated ("" for none).
    public var stored: String { channels.map(\.rawValue).sorted().joined(separator: ",") }

    /// From `stored`; names no longer known are dropped rather than widening the reach.
    public init(stored: String) {
        self.init(channels: Set(stored.split(separator: ",").compactMap { ExerciseChannel(rawValue: String($0)) }))
    }
}

/// A way Riposte reaches outside the organisation, which a drill uses only when it says so.
public enum ExerciseChannel: String, Sendable, CaseIterable, Codable, Hashable {
    /// Messages by e-mail to clients, suppliers and other outside addresses (notes G and H).
    case messages
    /// The organisation's webhooks (chat channels, other tools).
    case webhooks
}

extension Optional where Wrapped == Exercise {
    /// Whether something of a real incident, or of an exercise that names the channel, may
    /// use it.
    public func reaches(_ channel: ExerciseChannel) -> Bool {
        self?.reaches(channel) ?? true
    }
}
