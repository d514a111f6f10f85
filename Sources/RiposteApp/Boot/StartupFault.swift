/// What stops Riposte from starting, worded for whoever runs it (`cli.startup.…`, in the
/// language of `RIPOSTE_LANGUAGE`).
enum StartupFault: Error, Equatable, CustomStringConvertible {
    /// An environment variable that lists addresses or CIDR ranges holds something else.
    case notNetworks(variable: String, value: String)
    /// A file Riposte ships with is missing from its bundle: a broken install.
    case resourceMissing(String)
    /// A variable that takes one of a few words holds another.
    case notOneOf(variable: String, value: String, allowed: [String])

    var description: String {
        switch self {
        case .notNetworks(let variable, let value): CommandText.say("cli.startup.not_networks", variable, value)
        case .resourceMissing(let name): CommandText.say("cli.startup.resource_missing", name)
        case .notOneOf(let variable, let value, let allowed):
            CommandText.say("cli.startup.not_one_of", variable, value, allowed.joined(separator: ", "))
        }
    }
}
