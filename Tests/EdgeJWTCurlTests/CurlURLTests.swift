import Testing

@testable import EdgeJWTSync

/// Origins as the redirect rules compare them.
@Suite struct CurlURLTests {
    @Test func fillsInTheDefaultPortOfEachScheme() throws {
        #expect(try CurlURL("http://lists.example/a").port == 80)
        #expect(try CurlURL("https://lists.example/a").port == 443)
        #expect(try CurlURL("https://lists.example:8443/a").port == 8443)
    }

    @Test func comparesSchemeAndHostWithoutCase() throws {
        #expect(try CurlURL("HTTPS://Lists.Example/a").isSameOrigin(as: CurlURL("https://lists.example:443/b")))
    }

    @Test func treatsAnotherPortOrSchemeAsAnotherOrigin() throws {
        let origin = try CurlURL("https://lists.example/a")
        #expect(!origin.isSameOrigin(as: try CurlURL("https://lists.example:444/a")))
        #expect(!origin.isSameOrigin(as: try CurlURL("http://lists.example:443/a")))
    }
}
