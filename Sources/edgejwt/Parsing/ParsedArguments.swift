/// A command line checked against a ``CommandDeclaration``: the values of its options and
/// positional arguments, read by the command's ``Command/init(parsing:)``.
///
/// Reading an option or argument the declaration does not have, or reading it as the wrong kind,
/// is a programming error and traps: every name a command reads is one it declares.
struct ParsedArguments {
    /// The command's declaration.
    let declaration: CommandDeclaration
    /// The values given for each option, in order (empty for a flag: one element per
    /// occurrence).
    private let values: [String: [String]]
    /// The positional arguments by placeholder.
    private let positionals: [String: [String]]

    /// The parse result.
    /// - Parameters:
    ///   - declaration: The command's declaration.
    ///   - values: The values given for each option name (a flag: one empty string).
    ///   - positionals: The values of each positional argument, by placeholder.
    init(declaration: CommandDeclaration, values: [String: [String]], positionals: [String: [String]]) {
        self.declaration = declaration
        self.values = values
        self.positionals = positionals
    }

    /// Whether the flag `name` was given.
    /// - Parameter name: A declared flag, e.g. `--json`.
    func flag(_ name: String) -> Bool {
        _ = declared(name, .flag)
        return values[name] != nil
    }

    /// The value of the single-valued option `name`, else its default, else `nil`.
    /// - Parameter name: A declared single-valued option, e.g. `--keys`.
    func value(_ name: String) -> String? {
        values[name]?.last ?? declared(name, .single).defaultValue
    }

    /// The value of the single-valued option `name`, converted.
    /// - Parameters:
    ///   - name: A declared single-valued option, e.g. `--now`.
    ///   - type: What it converts to.
    /// - Returns: The value (or the default's), or `nil` when neither is there.
    /// - Throws: ``ValidationError`` `The value 'soon' is invalid for '--now <UNIX_SECONDS>'`.
    func value<Value: CommandLineValue>(_ name: String, as type: Value.Type) throws(ValidationError) -> Value? {
        guard let text = value(name) else { return nil }
        guard let converted = Value(argument: text) else { throw invalid(text, for: declared(name, .single)) }
        return converted
    }

    /// The value of an option that is required or has a default, so always has one.
    /// - Parameter name: A declared single-valued option with `isRequired` or a default.
    func required(_ name: String) -> String {
        let declaration = declared(name, .single)
        precondition(declaration.isRequired || declaration.defaultValue != nil, "\(name) is neither required nor defaulted")
        guard let text = value(name) else { preconditionFailure("the parser let a command line without \(name) through") }
        return text
    }

    /// The converted value of an option that is required or has a default.
    /// - Parameters:
    ///   - name: A declared single-valued option with `isRequired` or a default.
    ///   - type: What it converts to.
    /// - Throws: ``ValidationError`` when the text does not convert.
    func required<Value: CommandLineValue>(_ name: String, as type: Value.Type) throws(ValidationError) -> Value {
        let text = required(name)
        guard let converted = Value(argument: text) else { throw invalid(text, for: declared(name, .single)) }
        return converted
    }

    /// Every value given for the repeatable option `name`, in order.
    /// - Parameter name: A declared repeatable option, e.g. `--issuer`.
    func values(_ name: String) -> [String] {
        _ = declared(name, .repeatable)
        return values[name] ?? []
    }

    /// The optional positional argument `valueName`.
    /// - Parameter valueName: A declared optional argument's placeholder, e.g. `TOKEN`.
    func argument(_ valueName: String) -> String? {
        precondition(declaredArgument(valueName).arity == .optional, "<\(valueName)> is not optional")
        return positionals[valueName]?.first
    }

    /// The required positional argument `valueName`.
    /// - Parameter valueName: A declared required argument's placeholder, e.g. `FILE`.
    func requiredArgument(_ valueName: String) -> String {
        precondition(declaredArgument(valueName).arity == .required, "<\(valueName)> is not required")
        guard let value = positionals[valueName]?.first else { preconditionFailure("the parser let a command line without <\(valueName)> through") }
        return value
    }

    /// The values of the one-or-more positional argument `valueName`, in order (at least one).
    /// - Parameter valueName: A declared `oneOrMore` argument's placeholder, e.g. `FILE`.
    func arguments(_ valueName: String) -> [String] {
        precondition(declaredArgument(valueName).arity == .oneOrMore, "<\(valueName)> does not take several values")
        return positionals[valueName] ?? []
    }

    /// `The value 'x' is invalid for '--alg <EdDSA|Ed25519>'`, with the choices when there are some.
    private func invalid(_ text: String, for option: OptionDeclaration) -> ValidationError {
        var message = "The value '\(text)' is invalid for '\(option.label)'"
        if !option.choices.isEmpty {
            message += ". Please provide one of " + option.choices.map { "'\($0)'" }.joined(separator: ", ")
        }
        return ValidationError(message)
    }

    private func declared(_ name: String, _ kind: OptionDeclaration.Kind) -> OptionDeclaration {
        guard let option = declaration.option(named: name), option.kind == kind else {
            preconditionFailure("\(declaration.name) reads \(name) as \(kind), which it does not declare")
        }
        return option
    }

    private func declaredArgument(_ valueName: String) -> ArgumentDeclaration {
        guard let argument = declaration.arguments.first(where: { $0.valueName == valueName }) else {
            preconditionFailure("\(declaration.name) reads <\(valueName)>, which it does not declare")
        }
        return argument
    }
}
