import RiposteCore

/// The core's refusals as the errors the app reports, for every use case.
extension FieldError {
    /// Lets validation code `try` a core rule and surface it as an API error.
    static func check<T>(_ body: () throws(FieldError) -> T) throws -> T {
        do { return try body() } catch { throw APIError(error) }
    }
}

extension Result where Failure == LifecycleError {
    /// The core's verdict, or the API error that explains it.
    func orThrow() throws -> Success {
        switch self {
        case .success(let value): return value
        case .failure(let error): throw APIError(error)
        }
    }
}
