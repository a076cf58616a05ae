/// Seconds since 1970-01-01T00:00:00Z UTC, ignoring leap seconds (RFC 7519 §2). Fractions allowed.
public struct NumericDate: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// The earliest accepted value, 0001-01-01T00:00:00Z; earlier values are refused as malformed.
    /// A negative NumericDate is a time before 1970 (RFC 7519 §2), long past: an `nbf` of -100
    /// is satisfied, an `exp` of -100 has expired.
    public static let earliest: Double = -62_135_596_800
    /// The latest accepted value, 9999-12-31T23:59:59Z; later values are refused as malformed.
    public static let latest: Double = 253_402_300_799

    /// Seconds since the epoch.
    public let secondsSinceEpoch: Double

    /// Creates a date from seconds since the epoch.
    /// - Parameter secondsSinceEpoch: A finite number of seconds.
    public init(_ secondsSinceEpoch: Double) {
        precondition(secondsSinceEpoch.isFinite, "a NumericDate must be finite")
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    /// Creates a date from a whole number of seconds since the epoch.
    /// - Parameter value: Seconds since the epoch.
    public init(integerLiteral value: Int64) {
        self.init(Double(value))
    }

    /// Reads a claim value as a NumericDate: a JSON number, finite, from ``earliest`` to ``latest``.
    /// - Parameter value: The claim's JSON value.
    /// - Returns: The date, or `nil` for a wrong type or an out-of-range number.
    init?(claim value: JSONValue) {
        guard case .number(let number) = value, number.value.isFinite,
            number.value >= Self.earliest, number.value <= Self.latest
        else { return nil }
        self.init(number.value)
    }

    /// This date moved by `seconds` (negative moves it back).
    /// - Parameter seconds: A finite offset.
    public func adding(seconds: Double) -> NumericDate { NumericDate(secondsSinceEpoch + seconds) }

    /// Orders dates by time.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }

    /// The seconds, without a fraction when there is none.
    public var description: String { JSONNumber(secondsSinceEpoch).literal }
}

extension Duration {
    /// The duration in seconds as a `Double` (`package`: the sync agent schedules with it).
    package var inSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}
