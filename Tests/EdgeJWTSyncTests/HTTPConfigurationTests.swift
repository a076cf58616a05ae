import EdgeJWTSync
import Foundation
import Testing

/// The members of a sync configuration that shape HTTP and metrics (docs/sync.md): `ca_file`,
/// `redirects`, `max_redirects`, `metrics_file`, and the strict JSON every member is read with.
@Suite struct HTTPConfigurationTests {
    private func configuration(_ members: String) throws(SyncConfigurationError) -> SyncConfiguration {
        let json =
            #"{"state_directory":"state","keys":"k.json","sources":[{"name":"a","kind":"status_list","url":"https://lists.example/a.jwt"}]"#
            + members + "}"
        return try SyncConfiguration(json: Array(json.utf8), relativeTo: "/etc/gw")
    }

    private func refusal(_ members: String) -> String? {
        let error = #expect(throws: SyncConfigurationError.self) { try configuration(members) }
        return error?.detail
    }

    @Test func defaultsToTheSystemCAStoreNoRedirectsAndNoMetricsFile() throws {
        let configuration = try configuration("")

        #expect(configuration.caFile == nil)
        #expect(configuration.redirects == .refuse)
        #expect(configuration.metricsPath == nil)
    }

    @Test func readsCAFileAndMetricsFileRelativeToTheFile() throws {
        let configuration = try configuration(#","ca_file":"ca.pem","metrics_file":"/var/lib/edgejwt/metrics/edgejwt.prom""#)

        #expect(configuration.caFile == "/etc/gw/ca.pem")
        #expect(configuration.metricsPath == "/var/lib/edgejwt/metrics/edgejwt.prom")
    }

    @Test func readsTheRedirectPolicyWithItsDefaultLimitOfThree() throws {
        #expect(try configuration(#","redirects":"none""#).redirects == .refuse)
        #expect(try configuration(#","redirects":"same_origin""#).redirects == .sameOrigin(limit: 3))
        #expect(try configuration(#","redirects":"any_host","max_redirects":1"#).redirects == .anyHost(limit: 1))
    }

    @Test func refusesAnUnknownRedirectPolicy() {
        #expect(refusal(#","redirects":"always""#)?.contains("redirects") == true)
    }

    @Test func refusesMaxRedirectsWithoutRedirectsOrOutsideOneToTen() {
        #expect(refusal(#","max_redirects":2"#)?.contains("max_redirects") == true)
        #expect(refusal(#","redirects":"same_origin","max_redirects":11"#)?.contains("max_redirects") == true)
    }

    @Test(arguments: ["metrics.txt", "/var/lib/edgejwt/metrics/.prom", "edgejwt.prom.tmp"])
    func refusesAMetricsFileTheTextfileCollectorWouldNotRead(_ name: String) {
        #expect(refusal(#","metrics_file":""# + name + #"""#)?.contains("metrics_file") == true)
    }

    @Test func refusesAnEmptyCAFile() {
        #expect(refusal(#","ca_file":"""#)?.contains("ca_file") == true)
    }

    @Test func refusesADuplicateMember() {
        #expect(refusal(#","period_seconds":60,"period_seconds":5"#) != nil)
    }

    @Test(arguments: ["ftp://lists.example/a.jwt", "file:///etc/passwd", "https://", "lists.example/a.jwt"])
    func refusesASourceURLThatIsNotAbsoluteHTTPOrHTTPS(_ url: String) {
        let json = #"{"state_directory":"s","keys":"k.json","sources":[{"name":"a","kind":"status_list","url":""# + url + #""}]}"#
        let error = #expect(throws: SyncConfigurationError.self) { try SyncConfiguration(json: Array(json.utf8), relativeTo: "/etc") }
        #expect(error?.detail.contains("url") == true)
    }

    @Test func refusesANumberWhereABooleanIsGivenAndTheOtherWayRound() {
        #expect(refusal(#","period_seconds":true"#)?.contains("period_seconds") == true)
        #expect(refusal(#","ca_file":1"#)?.contains("ca_file") == true)
    }
}
