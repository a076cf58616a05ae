import Foundation

/// Writing to the terminal and leaving the process.
enum Terminal {
    /// Writes one line on stderr.
    /// - Parameter message: The text; a newline is added unless it already ends with one.
    static func writeError(_ message: String) {
        let line = message.hasSuffix("\n") ? message : message + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Exits with `status` after flushing every stdio stream.
    /// - Parameter status: One of ``ExitStatus``.
    static func exit(_ status: Int32) -> Never {
        fflush(nil)
        Foundation.exit(status)
    }

    /// `text` made safe to print on a terminal: C0/C1 control characters, DEL and the bidi
    /// overrides/isolates become `\u{…}`, so an untrusted claim cannot move the cursor, recolor
    /// the screen, or reorder what is shown around it.
    /// - Parameter text: Untrusted text, e.g. a claim value.
    static func safe(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                output += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// Whether a scalar must not reach a terminal raw: controls, DEL, bidi overrides and isolates.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x200E...0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// A NumericDate as `SECONDS (YYYY-MM-DDTHH:MM:SSZ)`, e.g. `4102444800 (2100-01-01T00:00:00Z)`.
    /// - Parameters:
    ///   - literal: The claim's JSON number as written.
    ///   - seconds: Its value, finite, from `NumericDate.earliest` to `NumericDate.latest`.
    static func date(_ literal: String, seconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        let whole = seconds.rounded(.down)
        return "\(literal) (\(formatter.string(from: Date(timeIntervalSince1970: whole))))"
    }
}
