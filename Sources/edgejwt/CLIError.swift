import EdgeJWT

/// A usage or configuration error found while running a command: printed on stderr, exit 2.
///
/// Token rejections are not `CLIError`s: they are reported on stdout and exit 1.
struct CLIError: Error, CustomStringConvertible {
    /// A plain-language message naming the option or file at fault.
    let message: String

    init(_ message: String) {
        self.message = message
    }

    /// A key file that cannot be used, with the library's stable code.
    /// - Parameters:
    ///   - error: The load error.
    ///   - role: What the file is, e.g. `key set --keys`.
    ///   - path: The path given.
    init(_ error: KeySetError, loading role: String, at path: String) {
        self.init("cannot use \(role) \(path): \(error.code.rawValue): \(error.detail)")
    }

    /// A Status List Token file that cannot be installed, with the library's stable code.
    /// - Parameters:
    ///   - error: The install error.
    ///   - path: The `--status-list` path given.
    init(_ error: StatusListError, installing path: String) {
        self.init("cannot install the status list --status-list \(path): \(error.code.rawValue): \(error.detail)")
    }

    var description: String { message }
}
