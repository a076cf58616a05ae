import EdgeJWT

/// `edgejwt keys install`: a device installs statements into its store directory.
struct KeysInstallCommand: Command {
    static let declaration = CommandDeclaration(
        name: "install",
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
            """,
        options: KeysDeviceOptions.options(),
        arguments: [
            ArgumentDeclaration("FILE", .oneOrMore, help: "Statement files, installed in order."),
        ]
    )

    let device: KeysDeviceOptions
    let files: [String]

    init(parsing arguments: ParsedArguments) throws(ValidationError) {
        device = try KeysDeviceOptions(parsing: arguments)
        files = arguments.arguments("FILE")
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
struct KeysDeviceOptions {
    /// The options, declared for `keys install` and `keys status`.
    /// - Parameter section: The help section they are listed under.
    static func options(section: String? = nil) -> [OptionDeclaration] {
        [
            .option("--trust-root", value: "ROOT_FILE", help: "The provisioned trust root.", isRequired: true, section: section),
            .option("--store", value: "DIR", help: "The device's store directory for this issuer.", isRequired: true, section: section),
            .option("--iss", value: "ISS", help: "The issuer whose statements the store holds.", isRequired: true, section: section),
            .option("--time-floor", value: "FILE", help: "A persisted time floor to raise.", section: section),
            .option("--now", value: "UNIX_SECONDS", help: "The evaluation time (default: now, floored).", section: section),
        ]
    }

    /// `--trust-root`.
    let trustRoot: String
    /// `--store`.
    let store: String
    /// `--iss`.
    let iss: String
    /// `--time-floor`.
    let timeFloor: String?
    /// `--now`.
    let now: Seconds?

    /// Reads the options.
    /// - Parameter arguments: A command line parsed with ``options(section:)`` declared.
    /// - Throws: ``ValidationError`` when `--now` is not a number of seconds.
    init(parsing arguments: ParsedArguments) throws(ValidationError) {
        trustRoot = arguments.required("--trust-root")
        store = arguments.required("--store")
        iss = arguments.required("--iss")
        timeFloor = arguments.value("--time-floor")
        now = try arguments.value("--now", as: Seconds.self)
    }

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
