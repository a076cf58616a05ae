import EdgeJWTSync
import Foundation
import Testing

/// The `key_set_statement` members of a sync configuration (docs/sync.md): what is read, and
/// what is refused with the member named.
@Suite struct KeySetConfigurationTests {
    private func configuration(_ sources: String) throws(SyncConfigurationError) -> SyncConfiguration {
        let json = #"{"state_directory":"state","keys":"k.json","sources":["# + sources + "]}"
        return try SyncConfiguration(json: Array(json.utf8), relativeTo: "/etc/gw")
    }

    private func refusal(_ sources: String) -> String? {
        let error = #expect(throws: SyncConfigurationError.self) { try configuration(sources) }
        return error?.detail
    }

    private let keySet =
        #"{"name":"keys","kind":"key_set_statement","url":"http://127.0.0.1/keyset.json","issuer":"https://id.example","trust_root":"root.json""#

    @Test func readsIssuerTrustRootRelativeToTheFileAndRootURL() throws {
        let source = try configuration(keySet + #","root_url":"http://127.0.0.1/root-{sequence}.json"}"#).sources[0]

        #expect(source.kind == .keySetStatement)
        #expect(source.issuer == "https://id.example")
        #expect(source.trustRootPath == "/etc/gw/root.json")
        #expect(source.rootURL == "http://127.0.0.1/root-{sequence}.json")
    }

    @Test func readsTheExpiryGracePeriod() throws {
        let withGrace = try configuration(keySet + #","expiry_grace_seconds":259200}"#).sources[0]
        let without = try configuration(keySet + "}").sources[0]

        #expect(withGrace.expiryGracePeriod == .seconds(259_200))
        #expect(without.expiryGracePeriod == nil)
    }

    @Test func refusesAKeySetSourceWithoutIssuerOrTrustRoot() {
        let withoutIssuer = refusal(#"{"name":"keys","kind":"key_set_statement","url":"http://127.0.0.1/k","trust_root":"r.json"}"#)
        let withoutRoot = refusal(#"{"name":"keys","kind":"key_set_statement","url":"http://127.0.0.1/k","issuer":"https://id.example"}"#)

        #expect(withoutIssuer?.contains("needs issuer and trust_root") == true)
        #expect(withoutRoot?.contains("needs issuer and trust_root") == true)
    }

    @Test func refusesARootURLWithoutASequencePlaceholder() {
        let detail = refusal(keySet + #","root_url":"http://127.0.0.1/root.json"}"#)

        #expect(detail?.contains("root_url must contain {sequence}") == true)
    }

    @Test func refusesTwoKeySetSourcesForOneIssuer() {
        let second = keySet.replacingOccurrences(of: #""name":"keys""#, with: #""name":"keys-2""#)

        let detail = refusal(keySet + "}," + second + "}")

        #expect(detail?.contains("already has a key_set_statement source (keys)") == true)
    }

    @Test func refusesMembersOfOtherKindsOnAKeySetSourceAndKeySetMembersElsewhere() {
        let uri = refusal(keySet + #","uri":"https://id.example/status"}"#)
        let delta = refusal(keySet + #","delta_url":"http://127.0.0.1/d-{sequence}"}"#)
        let issuerOnList = refusal(#"{"name":"a","kind":"revocation_list","url":"http://127.0.0.1/x","issuer":"https://id.example"}"#)
        let graceOnList = refusal(#"{"name":"a","kind":"status_list","url":"http://127.0.0.1/x","expiry_grace_seconds":60}"#)

        #expect(uri?.contains("uri is for status_list sources") == true)
        #expect(delta?.contains("are for revocation_list sources") == true)
        #expect(issuerOnList?.contains("are for key_set_statement sources") == true)
        #expect(graceOnList?.contains("are for key_set_statement sources") == true)
    }
}
