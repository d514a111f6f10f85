import RiposteCore

/// The core's verdicts as thrown refusals, for every use case; each door maps them (`APIError`).
extension FieldError {
    /// Lets validation code `try` a core rule among other throwing calls.
    static func check<T>(_ body: () throws(FieldError) -> T) throws -> T {
        do { return try body() } catch { throw error }
    }
}

extension Result where Failure == LifecycleError {
    /// The core's verdict, or its refusal thrown.
    func orThrow() throws -> Success {
        switch self {
        case .success(let value): return value
        case .failure(let error): throw error
        }
    }
}
