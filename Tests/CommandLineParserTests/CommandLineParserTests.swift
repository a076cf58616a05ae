import Testing

@testable import edgejwt

/// `CommandLineParser`: the rules of the command-line syntax, on a small declaration.
@Suite struct CommandLineParserTests {
    static var declaration: CommandDeclaration {
        CommandDeclaration(
            name: "try",
            abstract: "A command to parse.",
            options: [
                .option("--keys", value: "JWKS_FILE", help: "A file."),
                .option("--kid", value: "KID", help: "Required.", isRequired: true),
                .option("--alg", value: "EdDSA|Ed25519", help: "Defaulted.", defaultValue: "EdDSA", choices: ["EdDSA", "Ed25519"]),
                .option("--now", value: "UNIX_SECONDS", help: "Converted."),
                .repeatable("--issuer", value: "ISS", help: "Repeatable."),
                .flag("--json", help: "A flag."),
            ],
            arguments: [ArgumentDeclaration("TOKEN", .optional, help: "A token.")]
        )
    }

    /// The parsed values of `words`, or the test fails.
    static func parsed(_ words: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> ParsedArguments {
        let outcome = try CommandLineParser.parse(words[...], for: declaration)
        guard case .parsed(let arguments) = outcome else {
            Issue.record("\(words) did not parse to values: \(outcome)", sourceLocation: sourceLocation)
            throw ValidationError("not parsed")
        }
        return arguments
    }

    /// The message of the usage error `words` give, or the test fails.
    static func refusal(_ words: [String], sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        let error = #expect(throws: ValidationError.self, sourceLocation: sourceLocation) {
            try CommandLineParser.parse(words[...], for: declaration)
        }
        return error?.message
    }

    @Test func separateAndInlineValuesAreRead() throws {
        let arguments = try Self.parsed(["--kid", "k1", "--keys=a=b.json", "--now", "12"])
        #expect(arguments.required("--kid") == "k1")
        #expect(arguments.value("--keys") == "a=b.json")
        #expect(try arguments.value("--now", as: Seconds.self) == Seconds(12))
    }

    @Test func inlineValueMayStartWithADash() throws {
        #expect(try Self.parsed(["--kid=-k", "--keys=-"]).required("--kid") == "-k")
    }

    @Test func unknownOptionIsRefusedByName() {
        #expect(Self.refusal(["--kid", "k", "--bogus", "x"]) == "Unknown option '--bogus'")
        #expect(Self.refusal(["--kid", "k", "--bogus=x"]) == "Unknown option '--bogus'")
        #expect(Self.refusal(["--kid", "k", "-x"]) == "Unknown option '-x'")
    }

    @Test func missingValueAtTheEndIsRefused() {
        #expect(Self.refusal(["--kid", "k", "--keys"]) == "Missing value for '--keys <JWKS_FILE>'")
    }

    @Test func optionIsNotTakenAsTheValueOfTheOneBefore() {
        #expect(Self.refusal(["--kid", "k", "--keys", "--json"]) == "Missing value for '--keys <JWKS_FILE>'")
    }

    @Test func repeatedOptionKeepsEveryValueInOrder() throws {
        let arguments = try Self.parsed(["--issuer", "b", "--kid", "k", "--issuer=a", "--issuer", "c"])
        #expect(arguments.values("--issuer") == ["b", "a", "c"])
    }

    @Test func singleValuedOptionGivenTwiceIsRefused() {
        #expect(Self.refusal(["--kid", "k", "--keys", "a", "--keys", "b"]) == "The option '--keys' is given more than once")
    }

    @Test func flagTakesNoValue() throws {
        #expect(try Self.parsed(["--kid", "k", "--json"]).flag("--json"))
        #expect(try !Self.parsed(["--kid", "k"]).flag("--json"))
        #expect(Self.refusal(["--kid", "k", "--json=yes"]) == "The flag '--json' takes no value")
    }

    @Test func doubleDashEndsTheOptions() throws {
        #expect(try Self.parsed(["--kid", "k", "--", "--json"]).argument("TOKEN") == "--json")
        #expect(try !Self.parsed(["--kid", "k", "--", "--json"]).flag("--json"))
    }

    @Test func dashAloneIsAPositionalArgument() throws {
        #expect(try Self.parsed(["-", "--kid", "k"]).argument("TOKEN") == "-")
    }

    @Test func missingRequiredOptionIsNamed() {
        #expect(Self.refusal(["--json"]) == "Missing expected argument '--kid <KID>'")
    }

    @Test func defaultIsUsedWhenTheOptionIsNotGiven() throws {
        #expect(try Self.parsed(["--kid", "k"]).required("--alg") == "EdDSA")
        #expect(try Self.parsed(["--kid", "k", "--alg", "Ed25519"]).required("--alg") == "Ed25519")
    }

    @Test func valueThatDoesNotConvertNamesTheOption() throws {
        let arguments = try Self.parsed(["--kid", "k", "--now", "soon"])
        let error = #expect(throws: ValidationError.self) { try arguments.value("--now", as: Seconds.self) }
        #expect(error?.message == "The value 'soon' is invalid for '--now <UNIX_SECONDS>'")
    }

    @Test func valueOutsideTheChoicesListsThem() throws {
        let arguments = try Self.parsed(["--kid", "k", "--alg", "RS256"])
        let error = #expect(throws: ValidationError.self) { try arguments.required("--alg", as: SignatureAlgorithm.self) }
        #expect(error?.message == "The value 'RS256' is invalid for '--alg <EdDSA|Ed25519>'. Please provide one of 'EdDSA', 'Ed25519'")
    }

    @Test func extraPositionalArgumentIsRefused() {
        #expect(Self.refusal(["--kid", "k", "t", "extra"]) == "Unexpected argument 'extra'")
    }

    @Test func helpIsAnsweredWhateverElseIsWrong() throws {
        for words in [["--help"], ["--bogus", "-h"], ["--keys", "--help"]] {
            guard case .helpRequested = try CommandLineParser.parse(words[...], for: Self.declaration) else {
                Issue.record("\(words) is not a help request")
                continue
            }
        }
    }

    @Test func helpAfterDoubleDashIsAnArgument() throws {
        #expect(try Self.parsed(["--kid", "k", "--", "--help"]).argument("TOKEN") == "--help")
    }

    @Test func versionIsAnswered() throws {
        guard case .versionRequested = try CommandLineParser.parse(["--kid", "k", "--version"], for: Self.declaration) else {
            Issue.record("--version is not a version request")
            return
        }
    }

    @Test func oneOrMoreArgumentNeedsOne() throws {
        let declaration = CommandDeclaration(name: "install", abstract: "", arguments: [ArgumentDeclaration("FILE", .oneOrMore, help: "")])
        let error = #expect(throws: ValidationError.self) { try CommandLineParser.parse([], for: declaration) }
        #expect(error?.message == "Missing expected argument '<FILE>'")
        guard case .parsed(let arguments) = try CommandLineParser.parse(["a", "b"], for: declaration) else {
            Issue.record("two files did not parse")
            return
        }
        #expect(arguments.arguments("FILE") == ["a", "b"])
    }
}
