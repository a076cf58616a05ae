import ArgumentParser
import EdgeJWT

/// `edgejwt keys install`: a device installs statements into its store directory.
struct KeysInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install key-set statements and root rotations into a device's store directory.",
        discussion: """
            The store (--store DIR, created if missing) starts from the provisioned --trust-root; \
            each FILE, in order, is installed with every device rule: signatures chaining to the \
            current root, a sequence above the installed one, issuer --iss, not expired, not \
            issued in the future. A root statement (told apart by its typ) must be the current \
            root's successor. Installing raises --time-floor FILE, if given. Files already \
            installed are accepted again and change nothing.

            Verifiers load the store with RotatingKeySet(issuer:trustRoot:store:) \
            (docs/key-rotation.md). Output: one line per file on stdout, then the status as \
            keys status prints it.

            Exit status: 0 all installed, 1 a statement refused (the earlier ones stay \
            installed), 2 usage error, an unusable trust root, store or floor, or a file that \
            cannot be read.
            """
    )

    @OptionGroup var device: KeysDeviceOptions

    @Argument(help: ArgumentHelp("Statement files, installed in order.", valueName: "FILE"))
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one statement FILE") }
    }

    func run() throws {
        let keys = try device.keySet()
        for file in files {
            let bytes = try KeysFiles.contents(of: file, option: "file")
            do {
                if KeysFiles.Kind(of: bytes) == .root {
                    let root = try keys.installRoot(bytes)
                    print("installed root #\(root.sequence) from \(file)")
                } else {
                    let statement = try keys.install(bytes)
                    print("installed key-set statement #\(statement.sequence) from \(file)")
                }
            } catch {
                print("refused \(file): \(error.code.rawValue): \(Terminal.safe(error.detail))")
                throw ExitCode(ExitStatus.rejected)
            }
        }
        print(KeysStatusCommand.report(keys.status(at: device.evaluationTime)))
    }
}

/// The options naming a device's rotating key set: trust root, store, issuer, floor, time.
struct KeysDeviceOptions: ParsableArguments {
    @Option(name: .customLong("trust-root"), help: ArgumentHelp("The provisioned trust root.", valueName: "ROOT_FILE"))
    var trustRoot: String

    @Option(help: ArgumentHelp("The device's store directory for this issuer.", valueName: "DIR"))
    var store: String

    @Option(help: ArgumentHelp("The issuer whose statements the store holds.", valueName: "ISS"))
    var iss: String

    @Option(name: .customLong("time-floor"), help: ArgumentHelp("A persisted time floor to raise.", valueName: "FILE"))
    var timeFloor: String?

    @Option(help: ArgumentHelp("The evaluation time (default: now, floored).", valueName: "UNIX_SECONDS"))
    var now: Seconds?

    /// `--now`, or the clock.
    var evaluationTime: NumericDate? { now?.date }

    /// The key set, loaded from the store; problems found in it are reported on stderr.
    func keySet() throws(CLIError) -> RotatingKeySet {
        let root = try KeysFiles.trustRoot(at: trustRoot)
        var floor: TimeFloor? = nil
        if let timeFloor {
            do {
                floor = try TimeFloor(path: timeFloor)
            } catch {
                throw CLIError("cannot use the time floor --time-floor \(timeFloor): \(error.detail)")
            }
        }
        let keys: RotatingKeySet
        do {
            let directory = try KeySetStore(directory: store)
            keys = try RotatingKeySet(issuer: iss, trustRoot: root, store: directory, timeFloor: floor, clock: now.map { FixedClock($0.date) })
        } catch {
            throw CLIError("cannot use the store --store \(store): \(error.code.rawValue): \(error.detail)")
        }
        for problem in keys.loaded?.problems ?? [] {
            Terminal.writeError("warning: store \(store): refused \(Terminal.safe(problem))")
        }
        return keys
    }
}
