
/// A persisted lower bound on "now": the newest trusted issue time this device has seen.
///
/// Devices lose their clock (no RTC, reset to 1970 after power loss) or have it turned back by an
/// attacker. Every verified revocation or status list raises the floor to its `iat`; a
/// ``FlooredClock`` never reads earlier than the floor, so turning the clock back cannot revive an
/// expired token. The floor only moves forward. See `docs/time-model.md`.
public final class TimeFloor: Sendable {
    /// Where the floor is stored (one line: seconds since the epoch), or `nil` for memory only.
    public let path: String?
    private let current: Locked<NumericDate>

    /// Loads the floor from `path` (a missing file means no floor yet; an unreadable or corrupt
    /// one is an error, never silently a floor of zero).
    /// - Parameter path: The floor file, or `nil` to keep the floor in memory only.
    /// - Throws: ``TimeFloorError`` when the file exists but cannot be read or parsed.
    public init(path: String?) throws(TimeFloorError) {
        self.path = path
        current = Locked(try path.map(Self.load) ?? NumericDate(0))
    }

    private static func load(_ path: String) throws(TimeFloorError) -> NumericDate {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.contents(ofFile: path, maxBytes: 64)
        } catch {
            guard error.isMissingFile else { throw TimeFloorError(detail: error.description) }
            return NumericDate(0)
        }
        let text = String(decoding: bytes, as: UTF8.self).trimmingASCIIWhitespace()
        guard let seconds = Double(text), seconds.isFinite, seconds >= 0, seconds <= NumericDate.latest else {
            throw TimeFloorError(detail: "\(path) does not hold a time floor")
        }
        return NumericDate(seconds)
    }

    /// The floor: no trusted evidence says the time is earlier than this.
    public var value: NumericDate { current.withLock { $0 } }

    /// Raises the floor to `time` if it is later, persisting it atomically first.
    /// - Parameter time: A trusted issue time (the `iat` of a verified list).
    /// - Throws: ``TimeFloorError`` when the new floor cannot be stored; the floor is then unchanged.
    public func raise(to time: NumericDate) throws(TimeFloorError) {
        try current.withLock { (floor: inout NumericDate) throws(TimeFloorError) in
            guard time > floor else { return }
            try persist(time)
            floor = time
        }
    }
}

extension TimeFloor {
    private func persist(_ time: NumericDate) throws(TimeFloorError) {
        guard let path else { return }
        do {
            try AtomicFile.replace(path, with: Array("\(time)\n".utf8))
        } catch {
            throw TimeFloorError(detail: error.description)
        }
    }
}

/// A time floor that cannot be read or stored.
public struct TimeFloorError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let detail: String
    /// The detail.
    public var description: String { detail }
}

/// A clock that never reads earlier than a ``TimeFloor``.
public struct FlooredClock: TimeSource {
    /// The underlying clock, e.g. ``SystemClock``.
    public let base: any TimeSource
    /// The floor.
    public let floor: TimeFloor

    /// Creates a floored clock.
    /// - Parameters:
    ///   - base: The clock to read.
    ///   - floor: The lower bound.
    public init(base: any TimeSource = SystemClock(), floor: TimeFloor) {
        self.base = base
        self.floor = floor
    }

    /// `max(base.now(), floor.value)`.
    public func now() -> NumericDate { max(base.now(), floor.value) }
}

extension String {
    /// The string without leading and trailing ASCII spaces, tabs, CR and LF.
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
