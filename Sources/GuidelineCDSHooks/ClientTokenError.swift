/// A client token that does not verify, whatever the reason: the server answers a bare 401.
package enum ClientTokenError: Error, Sendable, Equatable {
    /// Missing, malformed, wrongly signed, for another audience, expired, replayed, or from an unknown issuer or key.
    case invalid
}
