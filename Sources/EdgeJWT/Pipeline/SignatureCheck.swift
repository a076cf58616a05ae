extension PinnedKey {
    /// Step 5: checks the Ed25519 signature over the signing input, exactly as received.
    /// - Parameters:
    ///   - signature: The decoded signature segment; must be exactly 64 bytes.
    ///   - signingInput: The ASCII bytes `header.payload` of the token.
    /// - Throws: `invalid_signature`.
    func checkSignature(_ signature: [UInt8], over signingInput: ArraySlice<UInt8>) throws(VerificationError) {
        try signature.withUnsafeBufferPointer { (signatureBytes) throws(VerificationError) in
            try signingInput.withUnsafeBufferPointer { (messageBytes) throws(VerificationError) in
                try checkSignature(signatureBytes, over: messageBytes)
            }
        }
    }

    /// Step 5 on borrowed bytes, as ``checkSignature(_:over:)-([UInt8],_)``. Does not allocate
    /// unless it throws.
    func checkSignature(_ signature: UnsafeBufferPointer<UInt8>, over signingInput: UnsafeBufferPointer<UInt8>) throws(VerificationError) {
        guard signature.count == Sodium.signatureByteCount else {
            throw VerificationError(.invalidSignature, "an Ed25519 signature is 64 bytes, this one is \(signature.count)")
        }
        let isValid = publicKey.withUnsafeBytes { keyBytes in
            Sodium.isValidSignature(UnsafeRawBufferPointer(signature), for: UnsafeRawBufferPointer(signingInput), publicKey: keyBytes)
        }
        guard isValid else {
            throw VerificationError(.invalidSignature, "the Ed25519 signature does not verify with the pinned key")
        }
    }
}
