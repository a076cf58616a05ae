/// One named option a command accepts, declared once with its help text: the parser, the
/// usage line and `--help` are all generated from it.
///
/// ```swift
/// .option("--keys", value: "JWKS_FILE", help: "The pinned JWK Set of public Ed25519 keys.")
/// .repeatable("--issuer", value: "ISS", help: "An accepted iss (repeatable: any of them).")
/// .flag("--json", help: "Print one JSON object on stdout.")
/// ```
struct OptionDeclaration: Sendable {
    /// How an option takes values.
    enum Kind: Sendable, Equatable {
        /// No value: present or not (`--json`).
        case flag
        /// Exactly one value, given at most once (`--keys PATH`, `--keys=PATH`).
        case single
        /// One value per occurrence, any number of occurrences, in order (`--issuer A --issuer B`).
        case repeatable
    }

    /// The spelling, with its leading `--`, e.g. `--keys`.
    let name: String
    /// How it takes values.
    let kind: Kind
    /// The placeholder of its value in help, e.g. `JWKS_FILE`; empty for a flag.
    let valueName: String
    /// One line of help.
    let help: String
    /// Whether the command line must give it (a single-valued option only).
    let isRequired: Bool
    /// The value used when it is not given, shown in help as `(default: …)`.
    let defaultValue: String?
    /// The only values it accepts, shown in help as `(values: …)`; empty: any text its type reads.
    let choices: [String]
    /// The help section it is listed under (`nil`: OPTIONS).
    let section: String?

    /// A flag: present or absent, never with a value.
    /// - Parameters:
    ///   - name: The spelling, e.g. `--json`.
    ///   - help: One line of help.
    ///   - section: The help section, or `nil` for OPTIONS.
    static func flag(_ name: String, help: String, section: String? = nil) -> OptionDeclaration {
        OptionDeclaration(
            name: name, kind: .flag, valueName: "", help: help, isRequired: false, defaultValue: nil, choices: [], section: section)
    }

    /// An option with one value, given at most once.
    /// - Parameters:
    ///   - name: The spelling, e.g. `--keys`.
    ///   - value: The value's placeholder, e.g. `JWKS_FILE`.
    ///   - help: One line of help.
    ///   - isRequired: Whether a command line without it is a usage error.
    ///   - defaultValue: The value when it is not given.
    ///   - choices: The only values its type accepts, for help and error messages.
    ///   - section: The help section, or `nil` for OPTIONS.
    static func option(
        _ name: String, value: String, help: String, isRequired: Bool = false, defaultValue: String? = nil, choices: [String] = [],
        section: String? = nil
    ) -> OptionDeclaration {
        precondition(!(isRequired && defaultValue != nil), "\(name): a required option has no default")
        return OptionDeclaration(
            name: name, kind: .single, valueName: value, help: help, isRequired: isRequired, defaultValue: defaultValue, choices: choices,
            section: section)
    }

    /// An option that may be given any number of times, each with one value.
    /// - Parameters:
    ///   - name: The spelling, e.g. `--issuer`.
    ///   - value: The value's placeholder, e.g. `ISS`.
    ///   - help: One line of help.
    ///   - section: The help section, or `nil` for OPTIONS.
    static func repeatable(_ name: String, value: String, help: String, section: String? = nil) -> OptionDeclaration {
        OptionDeclaration(
            name: name, kind: .repeatable, valueName: value, help: help, isRequired: false, defaultValue: nil, choices: [], section: section)
    }

    /// The help text with its choices and default: `The alg. (values: EdDSA, Ed25519; default: EdDSA)`.
    var fullHelp: String {
        var notes: [String] = []
        if !choices.isEmpty { notes.append("values: " + choices.joined(separator: ", ")) }
        if let defaultValue { notes.append("default: " + defaultValue) }
        return notes.isEmpty ? help : help + " (" + notes.joined(separator: "; ") + ")"
    }

    /// `--keys <JWKS_FILE>`, or `--json` for a flag: how help and error messages name it.
    var label: String {
        kind == .flag ? name : "\(name) <\(valueName)>"
    }
}

/// One positional argument of a command, e.g. `TOKEN`.
struct ArgumentDeclaration: Sendable {
    /// How many values it takes.
    enum Arity: Sendable, Equatable {
        /// Exactly one.
        case required
        /// Zero or one.
        case optional
        /// One or more (it must be the last argument declared).
        case oneOrMore
    }

    /// The placeholder, e.g. `TOKEN`; the command reads the value by it.
    let valueName: String
    /// How many values it takes.
    let arity: Arity
    /// One line of help.
    let help: String

    /// A positional argument.
    /// - Parameters:
    ///   - valueName: The placeholder, e.g. `TOKEN`.
    ///   - arity: How many values it takes. Default: exactly one.
    ///   - help: One line of help.
    init(_ valueName: String, _ arity: Arity = .required, help: String) {
        self.valueName = valueName
        self.arity = arity
        self.help = help
    }

    /// `<TOKEN>`: how help and error messages name it.
    var label: String { "<\(valueName)>" }
}
