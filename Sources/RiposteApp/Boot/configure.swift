import Fluent
import RiposteStorage
import Vapor

/// Wires database, migrations, middleware, JSON rules, commands and routes.
/// Tests pass their own database choice and clock.
public func configure(_ app: Application) async throws {
    try await configure(app, database: DatabaseChoice.fromEnvironment())
}

func configure(_ app: Application, database: DatabaseChoice, clock: (any WallClock)? = nil) async throws {
    if let clock { app.clock = clock }
    // SQLite's calls block a thread each (the writer's fsync, two readers, a checkpoint): a
    // pool of more threads than cores, so that one waiting call never stalls the others. The
    // tests, a hundred apps at once in one process, keep sharing NIO's pool: a pool of their own
    // each made a connection that opened after its request had timed out die unclosed (an
    // assertion of SQLiteNIO's debug build).
    if app.environment != .testing {
        app.threadPool = NIOThreadPool(numberOfThreads: max(4, 2 * System.coreCount))
        let files = OpenFileLimit.raiseToHardLimit()
        app.logger.debug("open-files", metadata: ["allowed": "\(files.after)", "was": "\(files.before)"])
    }
    // Tests run a hundred apps at once on two cores: bcrypt's production cost (a quarter of a
    // second of a core per hash) there starved the writers of other tests for seconds. They hash
    // at bcrypt's lowest cost; what they check is which password matches, not how slowly.
    let cost = app.environment == .testing ? PasswordWork.lowestCost : PasswordWork.productionCost
    app.usePasswordWork(PasswordWork(common: try PasswordWork.shippedList(), cost: cost))
    if app.environment == .testing { app.passwords.use(.bcrypt(cost: cost)) }
    app.sessionPolicy = .fromEnvironment()
    app.knownTokens = KnownTokens()
    app.intakeLimiter = IntakeLimiter(
        perSecond: Environment.get("RIPOSTE_INTAKE_PER_SECOND").flatMap(Int.init) ?? IntakeLimiter.defaultPerSecond)
    app.publicLimiter = PublicLimiter()
    app.trustedProxies = try .fromEnvironment()
    app.webhookTargets = try .fromEnvironment()
    try DatabaseSetup.use(database, on: app)
    app.incidentNumbering = IncidentNumbering()
    app.metricsFigures = MetricsFigures()
    app.notificationSettings = .fromEnvironment()
    // A restore puts the SQLite file in place before anything opens it; it prepares it then.
    if app.environment.arguments.dropFirst().first != "restore" {
        try await DatabaseUpkeep.prepare(app.db.sql())
    }
    app.migrations.add(MigrationList.all)

    // Templates and catalogues first: the metrics' descriptions and every error page need them.
    try WebResources.configure(app)
    app.metrics = RiposteMetrics(wording: app.catalogue)
    app.metricsAccess = .fromEnvironment()

    // The API error shape replaces Vapor's own, for every route.
    app.middleware = Middlewares()
    // Outermost of all: it times and counts the answer actually sent.
    app.middleware.use(MetricsMiddleware(metrics: app.metrics))
    app.middleware.use(RequestIdentity())
    if app.environment != .testing { app.middleware.use(RequestLogging(level: .info)) }
    // Outermost: error answers carry the security headers too.
    app.middleware.use(SecurityHeadersMiddleware(strictTransport: app.secureCookies))
    app.middleware.use(APIErrorMiddleware())
    app.middleware.use(PublicFiles(files: FileMiddleware(publicDirectory: try WebResources.publicDirectory())))
    app.routes.defaultMaxBodySize = ByteCount(value: Request.maxBodyBytes)
    // A connection that sends nothing (a request's headers left half-sent, a client gone quiet)
    // is closed after 30 s instead of holding its socket and memory. Vapor offers no deadline
    // for a request's headers as a whole (its pipeline is closed to other handlers): one that
    // trickles a byte every 29 s is held until a proxy in front cuts it (README, "Behind a
    // reverse proxy"); `OpenFileLimit` makes such connections cheap to hold.
    app.http.server.configuration.idleTimeout = .seconds(30)

    ContentConfiguration.global.use(encoder: DateCoding.encoder, for: .json)
    ContentConfiguration.global.use(decoder: DateCoding.decoder, for: .json)

    app.asyncCommands.use(UserCommand(), as: "user")
    app.asyncCommands.use(TokenCommand(), as: "token")
    app.asyncCommands.use(JournalCommand(), as: "journal")
    app.asyncCommands.use(SweepCommand(), as: "sweep")
    app.asyncCommands.use(IntakeCommand(), as: "intake")
    app.asyncCommands.use(DispatchCommand(), as: "dispatch")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.lifecycle.use(MigrateOnStart())
    app.lifecycle.use(BackgroundJobs())

    try routes(app)
    try webRoutes(app)
}

/// The database is migrated whenever Riposte starts (except under `migrate`, which
/// does it itself and may revert), so a fresh clone runs with one command.
struct MigrateOnStart: LifecycleHandler {
    func willBootAsync(_ app: Application) async throws {
        let command = app.environment.arguments.dropFirst().first
        // A restore replaces the database first, then migrates it itself.
        if command == "migrate" || command == "routes" || command == "restore" { return }
        try await app.autoMigrate()
    }
}
