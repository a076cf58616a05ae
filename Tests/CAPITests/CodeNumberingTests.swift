import EdgeJWT
import EdgeJWTC
import Foundation
import Testing

/// include/edgejwt.h and the Swift codes agree: every name and number, both ways.
@Suite struct CodeNumberingTests {
    /// `EDGEJWT_NAME = NUMBER` entries of `enum edgejwt_code` in the header.
    static func headerCodes() throws -> [String: Int32] {
        let header = try String(contentsOfFile: CLibrary.packageRoot + "/include/edgejwt.h", encoding: .utf8)
        let start = try #require(header.range(of: "typedef enum edgejwt_code {"))
        let end = try #require(header.range(of: "} edgejwt_code;", range: start.upperBound..<header.endIndex))
        var codes: [String: Int32] = [:]
        let entry = /EDGEJWT_([A-Z0-9_]+) = ([0-9]+)/
        for match in header[start.upperBound..<end.lowerBound].matches(of: entry) {
            let name = String(match.1).lowercased()
            #expect(codes[name] == nil, "\(name) appears twice in the header")
            codes[name] = try #require(Int32(match.2))
        }
        return codes
    }

    @Test func headerNamesEverySwiftVerificationCodeWithItsNumber() throws {
        let header = try Self.headerCodes()
        for code in VerificationError.Code.all {
            #expect(header[code.rawValue] == code.number, "EDGEJWT_\(code.rawValue.uppercased()) should be \(code.number) in include/edgejwt.h")
        }
    }

    @Test func everyHeaderCodeIsASwiftCodeWithTheSameNumber() throws {
        for (name, number) in try Self.headerCodes() {
            switch number {
            case 0: #expect(name == "ok")
            case 1..<1000:
                let code = VerificationError.Code(rawValue: name)
                #expect(code?.number == number, "header code \(name) = \(number) is not VerificationError.Code number \(number)")
            default:
                let code = CAPICode(rawValue: number)
                #expect(code?.name == name, "header code \(name) = \(number) is not CAPICode \(number)")
            }
        }
    }

    @Test func headerNamesEveryCAPICode() throws {
        let header = try Self.headerCodes()
        for code in CAPICode.allCases {
            #expect(header[code.name] == code.rawValue, "EDGEJWT_\(code.name.uppercased()) should be \(code.rawValue)")
        }
    }

    @Test func numbersFollowCodeAllFromOne() {
        for (position, code) in VerificationError.Code.all.enumerated() {
            #expect(code.number == Int32(position + 1))
            #expect(VerificationError.Code(number: code.number) == code)
        }
        #expect(VerificationError.Code(number: 0) == nil)
        #expect(VerificationError.Code(number: Int32(VerificationError.Code.all.count + 1)) == nil)
    }

    @Test func codeNameGivesEachCodesSnakeCaseName() {
        #expect(String(cString: edgejwt_code_name(0)) == "ok")
        for code in VerificationError.Code.all {
            #expect(String(cString: edgejwt_code_name(code.number)) == code.rawValue)
        }
        for code in CAPICode.allCases {
            #expect(String(cString: edgejwt_code_name(code.rawValue)) == code.name)
        }
        #expect(String(cString: edgejwt_code_name(999)) == "unknown_code")
        #expect(String(cString: edgejwt_code_name(-1)) == "unknown_code")
    }

    @Test func apiVersionMatchesTheHeader() throws {
        let header = try String(contentsOfFile: CLibrary.packageRoot + "/include/edgejwt.h", encoding: .utf8)
        #expect(header.contains("#define EDGEJWT_API_VERSION \(edgejwt_api_version())\n"))
    }
}
