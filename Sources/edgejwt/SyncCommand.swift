import Dispatch
import EdgeJWT
import EdgeJWTSync
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `edgejwt sync`: keep status and revocation lists fresh from their servers.
struct SyncCommand: Command {
    static let declaration = CommandDeclaration(
        name: "sync",
        abstract: "Keep Status List Tokens, revocation lists and key-set statements fresh from their servers.",
        discussion: """
            Fetches each source of the configuration (docs/sync.md), verifies what arrives with the \
            pinned keys (a key-set statement with its trust root), stores it atomically in the state \
            directory, and keeps the last good list when anything fails. Runs in the foreground until SIGTERM or SIGINT; logs go to stderr.

            --once fetches every source once: exit 0 when every source was updated or unchanged, \
            1 when any failed (its last good list is kept). --status prints the persisted state: \
            exit 0 when every source has data and its last attempt succeeded (and no key-set statement is \
            expired beyond its grace period), else 1; a key-set source also shows its installed sequence, \
            expiry and each key's window. \
            Exit 2: the configuration or a key file cannot be used.
            """,
        options: [
            .option("--config", value: "FILE", help: "The sync configuration (JSON, docs/sync.md).", isRequired: true),
            .flag("--once", help: "Fetch every source once, then exit (for cron)."),
            .flag("--status", help: "Print the state persisted in the state directory, then exit."),
            .flag("--json", help: "With --status or --once: print JSON."),
            .option("--log-level", value: "LEVEL", help: "trace, debug, info, notice, warning, error or critical.", defaultValue: "info"),
        ]
    )

    let config: String
    let once: Bool
    let status: Bool
    let json: Bool
    let logLevel: String

    init(parsing arguments: ParsedArguments) {
        config = arguments.required("--config")
        once = arguments.flag("--once")
        status = arguments.flag("--status")
        json = arguments.flag("--json")
        logLevel = arguments.required("--log-level")
    }

    func validate() throws {
        guard !(once && status) else { throw ValidationError("--once and --status cannot be combined") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level \(logLevel) is not a log level") }
    }

    func run() throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let configuration: SyncConfiguration
        do {
            configuration = try SyncConfiguration(contentsOfFile: config)
        } catch {
            throw CLIError("cannot use the sync configuration \(config): \(error.detail)")
        }
        if status { try printStatus(configuration) }
        let agent: SyncAgent
        do {
            agent = try SyncAgent(configuration: configuration)
        } catch {
            throw CLIError("cannot start the sync agent: \(error.detail)")
        }
        if once {
            let outcomes = agent.syncAll()
            let status = agent.status
            if json {
                print(status.jsonText(at: SystemClock().now()))
            } else {
                for outcome in outcomes {
                    switch outcome.result {
                    case .updated: print("\(outcome.source): updated")
                    case .unchanged: print("\(outcome.source): unchanged")
                    case .failed(let error): print("\(outcome.source): failed \(Terminal.safe(error.description))")
                    }
                }
            }
            let failed = outcomes.contains { if case .failed = $0.result { true } else { false } }
            throw ExitCode(failed ? ExitStatus.rejected : ExitStatus.success)
        }
        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
        let handlers = [SIGTERM, SIGINT].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { agent.stop() }
            source.resume()
            return source
        }
        agent.run()
        handlers.forEach { $0.cancel() }
        throw ExitCode(ExitStatus.success)
    }

    /// Prints the persisted state and exits: 0 all healthy, 1 otherwise.
    private func printStatus(_ configuration: SyncConfiguration) throws -> Never {
        let state: SyncStatus
        do {
            state = try SyncStatus(stateDirectory: configuration.stateDirectory)
        } catch {
            throw CLIError(error.detail)
        }
        let now = SystemClock().now()
        if json {
            print(state.jsonText(at: now))
        } else {
            for source in state.sources {
                var fields = [source.name, source.kind.rawValue, source.isHealthy(at: now) ? "ok" : "failing"]
                fields.append("data_age=" + (source.dataAge(at: now).map { "\(Int($0))s" } ?? "none"))
                if let sequence = source.sequence { fields.append("sequence=\(sequence)") }
                fields.append("last_success=" + (source.lastSuccess.map { "\(Int(now.secondsSinceEpoch - $0.secondsSinceEpoch))s_ago" } ?? "never"))
                fields.append("failures=\(source.consecutiveFailures)")
                if let next = source.nextAttempt { fields.append("next_attempt_in=\(Int(next.secondsSinceEpoch - now.secondsSinceEpoch))s") }
                if let error = source.lastError { fields.append("last_error=" + Terminal.safe(error)) }
                print(fields.joined(separator: " "))
                if let keySet = source.keySet { print(KeySetStatusText.lines(keySet, at: now).joined(separator: "\n")) }
            }
        }
        throw ExitCode(state.sources.allSatisfy { $0.isHealthy(at: now) } ? ExitStatus.success : ExitStatus.rejected)
    }
}
