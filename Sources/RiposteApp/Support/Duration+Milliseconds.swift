extension Duration {
    /// In milliseconds, for the timings the sweep reports (`riposte sweep` and the server's log).
    var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}
