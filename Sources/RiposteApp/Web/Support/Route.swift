import Foundation
import Vapor

/// The pages of Riposte as values: every redirect and every link built in Swift comes from
/// here, so that a page's path is spelt once and a wrong one does not compile.
enum Route: Sendable, Equatable {
    case home
    /// The sign-in page; `next`, where to go after (a path of Riposte's own).
    case signIn(next: String? = nil)
    case signOut
    case setup
    case account
    case accountPassword
    /// The register, with its query (filters, sort, the next page's cursor).
    case register([URLQueryItem] = [])
    case newReport
    case incident(number: String)
    case review(number: String)
    case notifications
    case contacts
    case documents
    case plan
    case planVersion(Int)
    case lessons
    case admin

    /// The path and query, as a link or a `Location` header holds it.
    var url: String {
        switch self {
        case .home: return "/"
        case .signIn(let next):
            guard let next else { return "/login" }
            return "/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")
        case .signOut: return "/logout"
        case .setup: return "/setup"
        case .account: return "/account"
        case .accountPassword: return "/account/password"
        case .register(let items):
            var components = URLComponents()
            components.path = "/incidents"
            components.queryItems = items.isEmpty ? nil : items
            return components.string ?? "/incidents"
        case .newReport: return "/incidents/new"
        case .incident(let number): return "/incidents/\(number)"
        case .review(let number): return "/incidents/\(number)/review"
        case .notifications: return "/notifications"
        case .contacts: return "/contacts"
        case .documents: return "/documents"
        case .plan: return "/plan"
        case .planVersion(let number): return "/plan/versions/\(number)"
        case .lessons: return "/lessons"
        case .admin: return "/admin"
        }
    }
}

extension Request {
    /// A redirect to one of Riposte's pages (303 after a form, as every redirect of the pages).
    func redirect(to route: Route, redirectType: Redirect = .normal) -> Response {
        redirect(to: route.url, redirectType: redirectType)
    }
}
