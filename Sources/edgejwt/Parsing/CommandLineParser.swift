/// Parses the words after a command's name against its ``CommandDeclaration``.
///
/// - `--name VALUE` and `--name=VALUE`; a separate value may not start with `-` (except `-`
///   itself, standard input), so `--keys --json` is a missing value, not a file named `--json`:
///   write `--nonce=-abc` for such a value.
/// - A single-valued option given twice is refused rather than one of the values silently
///   winning; a repeatable option keeps every value in order; a flag takes no value.
/// - `--` ends the options: every word after it is positional, even `-x` or `--help`.
/// - `-` alone is a positional argument (standard input).
/// - `-h`/`--help` or `--version` before `--` asks for the help or the version, whatever else the
///   line holds (the first of them wins).
enum CommandLineParser {
    /// What a command line asks for.
    enum Outcome {
        /// Run the command with these values.
        case parsed(ParsedArguments)
        /// Show the command's help (exit 0).
        case helpRequested
        /// Show the program's version (exit 0).
        case versionRequested
    }

    /// Parses one command's words.
    /// - Parameters:
    ///   - words: The words after the command's name (and its parents' names).
    ///   - declaration: What the command accepts.
    /// - Returns: The values, or a help request.
    /// - Throws: ``ValidationError``: `Unknown option '--x'`, `Missing value for '--keys <JWKS_FILE>'`,
    ///   `The option '--keys' is given more than once`, `The flag '--json' takes no value`,
    ///   `Missing expected argument '--kid <KID>'` or `'<TOKEN>'`, `Unexpected argument 'x'`.
    static func parse(_ words: ArraySlice<String>, for declaration: CommandDeclaration) throws(ValidationError) -> Outcome {
        if let request = builtInRequest(in: words) { return request }
        var values: [String: [String]] = [:]
        var positionals: [String] = []
        var index = words.startIndex
        var optionsEnded = false
        while index < words.endIndex {
            let word = words[index]
            index += 1
            if optionsEnded || word == "-" || !word.hasPrefix("-") {
                positionals.append(word)
                continue
            }
            if word == "--" {
                optionsEnded = true
                continue
            }
            let (name, inlineValue) = split(word)
            guard word.hasPrefix("--"), let option = declaration.option(named: name) else {
                throw ValidationError("Unknown option '\(name)'")
            }
            if option.kind == .flag {
                guard inlineValue == nil else { throw ValidationError("The flag '\(name)' takes no value") }
                values[name] = [""]
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else if index < words.endIndex, words[index] == "-" || !words[index].hasPrefix("-") {
                value = words[index]
                index += 1
            } else {
                throw ValidationError("Missing value for '\(option.label)'")
            }
            if option.kind == .single, values[name] != nil {
                throw ValidationError("The option '\(name)' is given more than once")
            }
            values[name, default: []].append(value)
        }
        if let missing = declaration.options.first(where: { $0.isRequired && values[$0.name] == nil }) {
            throw ValidationError("Missing expected argument '\(missing.label)'")
        }
        return .parsed(
            ParsedArguments(declaration: declaration, values: values, positionals: try assign(positionals, to: declaration.arguments)))
    }

    /// The first `-h`, `--help` or `--version` before any `--`, if one is there.
    private static func builtInRequest(in words: ArraySlice<String>) -> Outcome? {
        for word in words {
            switch word {
            case "--": return nil
            case "-h", "--help": return .helpRequested
            case "--version": return .versionRequested
            default: continue
            }
        }
        return nil
    }

    /// `--name=value` as (`--name`, `value`); any other word as (word, `nil`).
    private static func split(_ word: String) -> (name: String, value: String?) {
        guard word.hasPrefix("--"), let equals = word.firstIndex(of: "=") else { return (word, nil) }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
    }

    /// The positional words, given to the declared arguments in order.
    private static func assign(_ words: [String], to arguments: [ArgumentDeclaration]) throws(ValidationError) -> [String: [String]] {
        var remaining = words[...]
        var assigned: [String: [String]] = [:]
        for argument in arguments {
            switch argument.arity {
            case .required:
                guard let word = remaining.popFirst() else { throw ValidationError("Missing expected argument '\(argument.label)'") }
                assigned[argument.valueName] = [word]
            case .optional:
                if let word = remaining.popFirst() { assigned[argument.valueName] = [word] }
            case .oneOrMore:
                guard !remaining.isEmpty else { throw ValidationError("Missing expected argument '\(argument.label)'") }
                assigned[argument.valueName] = Array(remaining)
                remaining = []
            }
        }
        if let extra = remaining.first { throw ValidationError("Unexpected argument '\(extra)'") }
        return assigned
    }
}
