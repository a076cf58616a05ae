import EdgeJWTConformance

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `edgejwt conformance`: runs a directory of conformance vectors and tabulates the verdicts.
struct ConformanceCommand: Command {
    static let declaration = CommandDeclaration(
        name: "conformance",
        abstract: "Run the conformance vectors in a directory and report each verdict.",
        discussion: """
            Loads every *.json vector file below DIR (format: Vectors/README.md), runs each \
            vector through the same verifier as verify (time fixed by the vector), and prints one \
            row per vector: id, expected, actual, PASS or FAIL. A FAIL row also names the file \
            and the rule's reference. The last line is exactly "N passed, N failed".

            Exit status: 0 all pass, 1 any fails, 2 the directory or a vector file is unusable.
            """,
        arguments: [
            ArgumentDeclaration("DIR", help: "The vectors directory, e.g. Vectors."),
        ]
    )

    let directory: String

    init(parsing arguments: ParsedArguments) {
        directory = arguments.requiredArgument("DIR")
    }

    func run() throws {
        var status = stat()
        guard stat(directory, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            throw CLIError("\(directory) is not a directory")
        }
        let vectors: [ConformanceVector]
        do {
            vectors = try VectorDirectory.load(directory)
        } catch {
            throw CLIError("cannot load the vectors: \(error.description)")
        }
        var rows: [[String]] = [["ID", "EXPECTED", "ACTUAL", "RESULT"]]
        var failed = 0
        for vector in vectors {
            let actual = vector.run()
            var row = [vector.id, vector.expected.description, actual.description]
            if actual == vector.expected {
                row.append("PASS")
            } else {
                failed += 1
                row.append("FAIL")
                row.append("\(vector.file)" + (vector.reference.isEmpty ? "" : " (\(vector.reference))"))
            }
            rows.append(row.map(Terminal.safe))
        }
        print(Self.table(rows))
        print("\(vectors.count - failed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(ExitStatus.rejected) }
    }

    /// Rows with every column but the last padded to its widest cell.
    static func table(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
