/// Swift objects as the opaque C handles of `include/edgejwt.h`: one strong reference is owned by
/// the C caller from `…_new` (or the first `edgejwt_verify` into a `NULL` result) until `…_free`.
enum Handles {
    /// A new handle owning one reference to `object`.
    static func retain<Object: AnyObject>(_ object: Object) -> OpaquePointer {
        OpaquePointer(Unmanaged.passRetained(object).toOpaque())
    }

    /// The object behind a handle, borrowed for the call.
    static func borrow<Object: AnyObject>(_ handle: OpaquePointer, as type: Object.Type) -> Object {
        Unmanaged<Object>.fromOpaque(UnsafeRawPointer(handle)).takeUnretainedValue()
    }

    /// Gives up the C caller's reference: the object is freed when nothing else holds it.
    static func release<Object: AnyObject>(_ handle: OpaquePointer, as type: Object.Type) {
        Unmanaged<Object>.fromOpaque(UnsafeRawPointer(handle)).release()
    }
}
