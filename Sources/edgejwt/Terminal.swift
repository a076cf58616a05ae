#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Writing to the terminal and leaving the process.
enum Terminal {
    /// Writes one line on stderr.
    /// - Parameter message: The text; a newline is added unless it already ends with one.
    /// Best effort: a write that fails (stderr closed) is not retried, there is nowhere to report it.
    static func writeError(_ message: String) {
        let line = Array((message.hasSuffix("\n") ? message : message + "\n").utf8)
        var written = 0
        while written < line.count {
            let count = line[written...].withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            written += count
        }
    }

    /// Exits with `status` after flushing every stdio stream.
    /// - Parameter status: One of ``ExitStatus``.
    static func exit(_ status: Int32) -> Never {
        fflush(nil)
        #if canImport(Glibc)
        Glibc.exit(status)
        #elseif canImport(Musl)
        Musl.exit(status)
        #endif
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

    /// A NumericDate as `SECONDS (YYYY-MM-DDTHH:MM:SSZ)`, e.g. `4102444800 (2100-01-01T00:00:00Z)`,
    /// in the proleptic Gregorian calendar (RFC 3339 §5.6), also for dates before 1582 or 1970.
    /// - Parameters:
    ///   - literal: The claim's JSON number as written.
    ///   - seconds: Its value, finite, from `NumericDate.earliest` to `NumericDate.latest`.
    /// - Returns: The literal and the date, e.g. `-100 (1969-12-31T23:58:20Z)`.
    static func date(_ literal: String, seconds: Double) -> String {
        let whole = Int64(seconds.rounded(.down))
        let days = whole.floorDivided(by: 86_400)
        let secondOfDay = whole - days * 86_400
        let (year, month, day) = civilDate(daysSince1970: days)
        let time = [secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60].map { twoDigits($0) }.joined(separator: ":")
        let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return "\(literal) (\(yearText)-\(twoDigits(month))-\(twoDigits(day))T\(time)Z)"
    }

    /// Year, month and day of the day `days` after 1970-01-01, proleptic Gregorian: counted in
    /// 400-year eras of 146097 days that start on 1 March, so leap days fall at an era's end.
    private static func civilDate(daysSince1970 days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let fromMarch0000 = days + 719_468
        let era = fromMarch0000.floorDivided(by: 146_097)
        let dayOfEra = fromMarch0000 - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func twoDigits(_ value: Int64) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}

extension Int64 {
    /// The quotient rounded toward minus infinity (`-1 / 86400` is -1, not 0).
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
