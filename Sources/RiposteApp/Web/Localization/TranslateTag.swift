import LeafKit
import RiposteCore
import Vapor

/// `#t("key")` or `#t("key", value…)`: the catalogue's text in the request's language.
/// Leaf escapes what it returns, so a value typed by a user cannot become markup.
struct TranslateTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let key = ctx.parameters.first?.string else {
            throw LeafError(.unknownError("#t(key, value…)"))
        }
        guard let request = ctx.request else { return .string(key) }
        let arguments = ctx.parameters.dropFirst().map { $0.string ?? "" }
        return .string(request.application.catalogue.text(key, request.pageLanguage, Array(arguments)))
    }
}

/// `#tk("prefix", value)`: the text of `prefix.value`, for names of statuses, severities, roles…
struct TranslateKeyTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard ctx.parameters.count == 2, let prefix = ctx.parameters[0].string else {
            throw LeafError(.unknownError("#tk(prefix, value)"))
        }
        let key = "\(prefix).\(ctx.parameters[1].string ?? "")"
        guard let request = ctx.request else { return .string(key) }
        return .string(request.application.catalogue.text(key, request.pageLanguage))
    }
}

/// `#exercise(number)`: "EXERCICE" (in the page's language) when the number is an exercise's,
/// nothing otherwise; `#exercise(number, "key")` says the catalogue's `key` instead. Every page
/// that names an incident marks a drill this way, so that no one takes it for real (#20).
struct ExerciseMarkTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let number = ctx.parameters.first?.string, ctx.parameters.count <= 2 else {
            throw LeafError(.unknownError("#exercise(number, key?)"))
        }
        guard IncidentNumber.isExercise(number) else { return .string("") }
        let key = ctx.parameters.count == 2 ? ctx.parameters[1].string ?? "" : "exercise.mark"
        guard let request = ctx.request else { return .string(key) }
        return .string(request.application.catalogue.text(key, request.pageLanguage))
    }
}
