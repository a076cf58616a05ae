import Testing
@testable import EdgeJWT

/// Bounded ZLIB (RFC 1950) decompression: exactly the draft's format, never past the cap.
@Suite struct InflateTests {
    /// The draft's bits-1 example as compressed bytes (draft-ietf-oauth-status-list-20 §4.1).
    static let draftExample = ZlibBuilder.hex("78dadbb918000217015d")

    @Test func inflatesTheDraftExample() throws {
        #expect(try Inflate.zlib(Self.draftExample, maxOutputBytes: 1024) == [0xB9, 0xA3])
    }

    @Test func inflatesStoredBlocksLargerThanOneChunk() throws {
        let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        #expect(try Inflate.zlib(ZlibBuilder.stored(bytes), maxOutputBytes: bytes.count) == bytes)
    }

    @Test func refusesZipBombOfOneHundredMebibytesAtTheCap() throws {
        let bomb = ZlibBuilder.zeros(matches: 406_426)  // 1 + 258 × 406,426 bytes ≈ 100 MiB
        #expect(bomb.count < 700 * 1024)
        let error = #expect(throws: Inflate.Failure.self) {
            try Inflate.zlib(bomb, maxOutputBytes: StatusList.Limits().maxListBytes)
        }
        #expect(error?.kind == .tooLarge)
    }

    @Test func inflatesOutputOfExactlyTheCap() throws {
        let size = 1 + 258 * 1000
        let output = try Inflate.zlib(ZlibBuilder.zeros(matches: 1000), maxOutputBytes: size)
        #expect(output.count == size && output.allSatisfy { $0 == 0 })
    }

    @Test func refusesOutputOneByteOverTheCap() throws {
        let size = 1 + 258 * 1000
        let error = #expect(throws: Inflate.Failure.self) {
            try Inflate.zlib(ZlibBuilder.zeros(matches: 1000), maxOutputBytes: size - 1)
        }
        #expect(error?.kind == .tooLarge)
    }

    @Test func outputBufferNeverGrowsPastTheCap() throws {
        let size = 1 + 258 * 40_000  // ≈ 9.8 MiB: doubling from 16 KiB would reach 16 MiB
        let output = try Inflate.zlib(ZlibBuilder.zeros(matches: 40_000), maxOutputBytes: size)
        #expect(output.count == size)
        #expect(output.capacity <= size + 64 * 1024, "capacity \(output.capacity) for a cap of \(size)")
    }

    @Test func refusesStreamMissingItsChecksum() throws {
        let error = #expect(throws: Inflate.Failure.self) {
            try Inflate.zlib(Array(Self.draftExample.dropLast(4)), maxOutputBytes: 1024)
        }
        #expect(error?.kind == .truncated)
    }

    @Test func refusesStreamCutInsideTheDeflateData() throws {
        let error = #expect(throws: Inflate.Failure.self) {
            try Inflate.zlib(Array(ZlibBuilder.zeros(matches: 1000).prefix(40)), maxOutputBytes: 1 << 20)
        }
        #expect(error?.kind == .truncated)
    }

    @Test func refusesEmptyInput() throws {
        let error = #expect(throws: Inflate.Failure.self) { try Inflate.zlib([], maxOutputBytes: 1024) }
        #expect(error?.kind == .truncated)
    }

    @Test func refusesWrongAdler32() throws {
        var corrupt = Self.draftExample
        corrupt[corrupt.count - 1] ^= 0x01
        let error = #expect(throws: Inflate.Failure.self) { try Inflate.zlib(corrupt, maxOutputBytes: 1024) }
        #expect(error?.kind == .corrupt)
    }

    @Test func refusesCorruptDeflateData() throws {
        var corrupt = Self.draftExample
        corrupt[2] = 0xFF  // BTYPE 11 is reserved (RFC 1951 §3.2.3)
        let error = #expect(throws: Inflate.Failure.self) { try Inflate.zlib(corrupt, maxOutputBytes: 1024) }
        #expect(error?.kind == .corrupt)
    }

    @Test func refusesGzipFormat() throws {
        let gzip = ZlibBuilder.hex("1f8b0800000000000203dbb918005cf5013b02000000")
        let error = #expect(throws: Inflate.Failure.self) { try Inflate.zlib(gzip, maxOutputBytes: 1024) }
        #expect(error?.kind == .corrupt)
    }

    @Test func refusesRawDeflateWithoutZlibHeader() throws {
        let raw = Array(Self.draftExample[2..<(Self.draftExample.count - 4)])
        let error = #expect(throws: Inflate.Failure.self) { try Inflate.zlib(raw, maxOutputBytes: 1024) }
        #expect(error?.kind == .corrupt)
    }

    @Test func refusesBytesAfterTheStream() throws {
        let error = #expect(throws: Inflate.Failure.self) {
            try Inflate.zlib(Self.draftExample + [0x00], maxOutputBytes: 1024)
        }
        #expect(error?.kind == .trailingBytes)
    }

    @Test func refusesPresetDictionary() throws {
        // CMF 0x78, FLG 0x20 (FDICT set; 0x7820 is a multiple of 31), then a DICTID.
        let error = #expect(throws: Inflate.Failure.self) {
            try Inflate.zlib(ZlibBuilder.hex("78200000000103000000000001"), maxOutputBytes: 1024)
        }
        #expect(error?.kind == .presetDictionary)
    }
}

/// Builds ZLIB streams by hand, so tests need no compressor.
enum ZlibBuilder {
    /// `bytes` in stored (uncompressed) DEFLATE blocks (RFC 1951 §3.2.4) inside a ZLIB wrapper.
    static func stored(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = [0x78, 0x01]
        var start = 0
        repeat {
            let end = min(bytes.count, start + 65_535)
            let length = UInt16(end - start)
            output.append(end == bytes.count ? 1 : 0)  // BFINAL, BTYPE 00
            output += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            output += bytes[start..<end]
            start = end
        } while start < bytes.count
        return output + bigEndian(adler32(bytes))
    }

    /// A valid stream of `1 + 258 × matches` zero bytes: one fixed-Huffman block (RFC 1951
    /// §3.2.6) with a literal 0, then `matches` copies of length 258 at distance 1 (13 bits each).
    static func zeros(matches: Int) -> [UInt8] {
        var writer = BitWriter()
        writer.write(1, bits: 1)  // BFINAL
        writer.write(1, bits: 2)  // BTYPE 01: fixed Huffman codes
        writer.writeCode(0x30, length: 8)  // literal 0
        for _ in 0..<matches {
            writer.writeCode(0xC5, length: 8)  // length symbol 285: 258
            writer.writeCode(0, length: 5)  // distance symbol 0: 1
        }
        writer.writeCode(0, length: 7)  // end of block
        let length = UInt32((1 + 258 * matches) % 65_521)
        return [0x78, 0x01] + writer.finished + bigEndian(length << 16 | 1)  // Adler-32 of zeros
    }

    /// Bytes from a hex string (test literals only).
    static func hex(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            bytes.append(UInt8(text[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }

    /// Adler-32 (RFC 1950 §8).
    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    /// DEFLATE's bit order: values least significant bit first, Huffman codes most significant first.
    struct BitWriter {
        private(set) var bytes: [UInt8] = []
        private var current: UInt8 = 0
        private var count = 0

        mutating func write(_ value: UInt32, bits: Int) {
            for bit in 0..<bits { append(UInt8(value >> UInt32(bit) & 1)) }
        }

        mutating func writeCode(_ code: UInt32, length: Int) {
            for bit in (0..<length).reversed() { append(UInt8(code >> UInt32(bit) & 1)) }
        }

        private mutating func append(_ bit: UInt8) {
            current |= bit << UInt8(count)
            count += 1
            if count == 8 { flush() }
        }

        private mutating func flush() {
            bytes.append(current)
            current = 0
            count = 0
        }

        /// The bytes written, the last one padded with zero bits.
        var finished: [UInt8] { count == 0 ? bytes : bytes + [current] }
    }
}
