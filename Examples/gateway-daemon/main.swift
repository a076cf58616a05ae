// gateway-daemon: verifies tokens read from standard input, one verdict per line, while an
// EdgeJWTSync agent keeps the status and revocation lists (and, if configured, the issuer's
// key-set statement) fresh in the background.
//
//     gateway-daemon sync.json < tokens.txt
//
// Each input line is one compact JWT; each output line is `valid SUB` or `rejected CODE`.
// The lists come from the sync configuration (docs/sync.md); the verifier uses whatever the
// agent last installed, so a flaky link never blocks verification and never unrevokes a token.
import Dispatch
import EdgeJWT
import EdgeJWTSync

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Writes `text` to standard error (file descriptor 2).
func printError(_ text: String) {
    var text = text
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

guard CommandLine.arguments.count == 2 else {
    printError("usage: gateway-daemon SYNC_CONFIG.json < tokens\n")
    exit(2)
}

let agent: SyncAgent
do {
    agent = try SyncAgent(configuration: SyncConfiguration(contentsOfFile: CommandLine.arguments[1]))
} catch {
    printError("gateway-daemon: \(error)\n")
    exit(2)
}

// One attempt before serving, so the first tokens meet fresh lists when the server is up;
// when it is not, the lists stored by earlier runs are already installed.
agent.syncAll()

// From now on the agent refreshes each list when it is due, on its own thread.
Thread.detached { agent.run() }
for signalNumber in [SIGTERM, SIGINT] { signal(signalNumber, SIG_IGN) }
let signalSources = [SIGTERM, SIGINT].map { signalNumber in
    let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
    source.setEventHandler {
        agent.stop()
        exit(0)
    }
    source.resume()
    return source
}

// The verifier reads the agent's live checks: installs swap whole lists, verification never waits.
// With a key_set_statement source for the issuer, tokens verify with the keys of the newest
// installed statement (rotated without a restart); without one, with the pinned `keys`.
let issuer = "https://issuer.example"
var options = VerifierOptions()
options.issuers = [issuer]
let verifier =
    if let rotating = agent.keySets[issuer] {
        Verifier(keys: rotating, options: options, clock: agent.clock, statusChecks: agent.statusChecks)
    } else {
        Verifier(keys: agent.keys, options: options, clock: agent.clock, statusChecks: agent.statusChecks)
    }

/// `line` without leading and trailing spaces and tabs.
func trimmingSpacesAndTabs(_ line: String) -> String {
    var view = Substring(line)
    while let first = view.first, first == " " || first == "\t" { view.removeFirst() }
    while let last = view.last, last == " " || last == "\t" { view.removeLast() }
    return String(view)
}

while let line = readLine(strippingNewline: true) {
    let token = trimmingSpacesAndTabs(line)
    guard !token.isEmpty else { continue }
    do {
        let verified = try verifier.verify(token)
        print("valid \(verified.claims.subject ?? "-")")
    } catch {
        print("rejected \(error.code.rawValue)")
    }
    fflush(nil)  // one line out per line in, for whoever reads the pipe
}

agent.stop()
withExtendedLifetime(signalSources) {}
