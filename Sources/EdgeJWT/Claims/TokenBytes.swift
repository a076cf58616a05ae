/// The decoded header and payload of one token, and the member index of its claims, in one heap
/// block: the only allocation of a successful verification (docs/performance.md).
///
/// ``JOSEHeader`` and ``Claims`` keep a reference to it and decode what a caller asks for from
/// these bytes, which the strict scan has already validated. Written only while the verifier
/// builds its result, on one thread; read-only once shared.
struct TokenBytes: @unchecked Sendable {
    // @unchecked: the block is written only before the value is shared (see above), and
    // ManagedBuffer, which holds it, cannot conform to Sendable itself.
    private let block: TokenBytesBlock

    /// Copies `header` and `payload` into a new block with room for the payload's member index.
    /// - Parameters:
    ///   - header: The decoded protected header (may be empty).
    ///   - payload: The decoded payload (may be empty).
    static func make(header: UnsafeBufferPointer<UInt8>, payload: UnsafeBufferPointer<UInt8>) -> TokenBytes {
        TokenBytes(block: TokenBytesBlock.make(header: header, payload: payload))
    }

    /// Whether both values share one block.
    func isSame(as other: TokenBytes) -> Bool { block === other.block }

    /// Calls `body` with the header's bytes; they must not escape it.
    func withHeader<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try block.withHeader(body)
    }

    /// Calls `body` with the payload's bytes and the room for its member index; neither may
    /// escape it.
    func withPayload<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<UInt8>, UnsafeMutableBufferPointer<JSONMemberSpan>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try block.withPayload(body)
    }
}

/// The heap block behind ``TokenBytes``.
final class TokenBytesBlock: ManagedBuffer<TokenBytesBlock.Layout, JSONMemberSpan> {
    /// Where the parts are in the tail: `memberCapacity` member spans, then the header's bytes,
    /// then the payload's.
    struct Layout {
        let headerCount: Int
        let payloadCount: Int
        let memberCapacity: Int
    }

    /// Copies `header` and `payload` into a new block with room for the payload's member index.
    /// - Parameters:
    ///   - header: The decoded protected header (may be empty).
    ///   - payload: The decoded payload (may be empty).
    static func make(header: UnsafeBufferPointer<UInt8>, payload: UnsafeBufferPointer<UInt8>) -> TokenBytesBlock {
        let memberCapacity = StrictJSONScanner.memberCapacity(forByteCount: payload.count)
        let stride = MemoryLayout<JSONMemberSpan>.stride
        let byteSlots = (header.count + payload.count + stride - 1) / stride
        let block = unsafeDowncast(
            create(minimumCapacity: memberCapacity + byteSlots) { _ in
                Layout(headerCount: header.count, payloadCount: payload.count, memberCapacity: memberCapacity)
            }, to: TokenBytesBlock.self)
        block.withUnsafeMutablePointerToElements { elements in
            let bytes = UnsafeMutableRawPointer(elements + memberCapacity).bindMemory(to: UInt8.self, capacity: header.count + payload.count)
            if let source = header.baseAddress { bytes.initialize(from: source, count: header.count) }
            if let source = payload.baseAddress { (bytes + header.count).initialize(from: source, count: payload.count) }
        }
        return block
    }

    /// Calls `body` with the header's bytes; they must not escape it.
    func withHeader<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        defer { withExtendedLifetime(self) {} }
        let layout = layout
        return try body(UnsafeBufferPointer(start: byteBase(layout), count: layout.headerCount))
    }

    /// Calls `body` with the payload's bytes and the room for its member index; neither may
    /// escape it.
    func withPayload<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<UInt8>, UnsafeMutableBufferPointer<JSONMemberSpan>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        defer { withExtendedLifetime(self) {} }
        let layout = layout
        let members = withUnsafeMutablePointerToElements { UnsafeMutableBufferPointer(start: $0, count: layout.memberCapacity) }
        return try body(UnsafeBufferPointer(start: byteBase(layout) + layout.headerCount, count: layout.payloadCount), members)
    }

    /// The layout, read through a pointer: the block's `header` is a class property, whose every
    /// read would otherwise pay a dynamic exclusivity check, and it never changes after `make`.
    private var layout: Layout { withUnsafeMutablePointerToHeader { $0.pointee } }

    /// The first byte of the header, after the member index.
    private func byteBase(_ layout: Layout) -> UnsafePointer<UInt8> {
        withUnsafeMutablePointerToElements { elements in
            UnsafeRawPointer(elements + layout.memberCapacity).assumingMemoryBound(to: UInt8.self)
        }
    }
}
