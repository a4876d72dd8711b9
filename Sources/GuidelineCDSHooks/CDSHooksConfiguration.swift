import Foundation
import GuidelineDiagnostics
import GuidelineYAML

/// The `cdsHooks:` section of the server's configuration file.
///
/// For example:
///
/// ```yaml
/// cdsHooks:
///   issuers:                                  # the CDS clients allowed, each with its JWK Set
///     - iss: https://sandbox.cds-hooks.org
///       jwks: keys/sandbox.jwks.json          # relative to the configuration file
///       tenants: [tenant-1]                   # optional: the tenants accepted from this client
///   hooks: [patient-view, order-select]       # optional: the default
///   topicSystem: https://cds.example.org/rulesets   # optional: the code system of the cards' source.topic
///   baseURL: https://cds.example.org          # optional: the URL clients call, for the tokens' 'aud'
/// ```
///
/// A client token's `aud` must be the exact URL called: `{baseURL}/cds-services/{id}`. Without `baseURL` it is
/// the address the server listens on (`http://{host}:{port}`), which is right only when clients reach the
/// server directly; behind a proxy or with TLS terminated elsewhere, give the public URL.
///
/// Problems are diagnostics (``CDSHooksDiagnosticCode``, `config.cds-*`) at their place in the file, as the server
/// reports its own.
package struct CDSHooksConfiguration: Sendable, Equatable {
    /// The allowed issuers with their keys, read from their files.
    package var issuers: [ClientTokenVerifier.Issuer] = []
    /// The hooks served.
    package var hooks: [CDSHook] = CDSHook.allCases
    /// The code system of `source.topic`.
    package var topicSystem = CardBuilder.defaultTopicSystem
    /// The URL clients call the server at, without a final `/` (nil: the address the server listens on).
    package var baseURL: String?

    /// An empty configuration (no issuer: every call is refused once authentication is on).
    package init() {}

    /// Reads the section `node`; JWK Set paths are relative to `directory` (the configuration file's).
    package static func read(
        _ node: YAMLNode, relativeTo directory: String
    ) -> (configuration: CDSHooksConfiguration?, diagnostics: [Diagnostic]) {
        var bag = DiagnosticBag()
        var configuration = CDSHooksConfiguration()
        let keys = ["issuers", "hooks", "topicSystem", "baseURL"]
        for pair in node.expectMapping("'cdsHooks'", into: &bag) ?? [] {
            switch pair.keyString ?? "" {
            case "issuers":
                for item in pair.value.expectSequence("'issuers'", into: &bag) ?? [] {
                    if let issuer = readIssuer(item, directory: directory, bag: &bag) {
                        configuration.issuers.append(issuer)
                    }
                }
            case "hooks":
                configuration.hooks = []
                for item in pair.value.expectSequence("'hooks'", into: &bag) ?? [] {
                    guard let name = item.expectString("a hook", into: &bag) else { continue }
                    guard let hook = CDSHook(rawValue: name) else {
                        bag.append(
                            Diagnostic.error(
                                CDSHooksDiagnosticCode.unknownHook, "unknown hook \(quoted: name)", at: item.range,
                                help: ["the hooks are 'patient-view' and 'order-select'"]
                            )
                            .suggesting(Suggestions.closest(to: name, in: CDSHook.allCases.map(\.rawValue))))
                        continue
                    }
                    if !configuration.hooks.contains(hook) { configuration.hooks.append(hook) }
                }
            case "topicSystem":
                guard let text = pair.value.expectString("'topicSystem'", into: &bag) else { continue }
                guard text.contains(":"), !text.contains(" ") else {
                    bag.error(
                        CDSHooksDiagnosticCode.invalidTopicSystem,
                        "'topicSystem' \(quoted: text) must be an absolute URI", at: pair.value.range,
                        help: ["for example 'https://cds.example.org/rulesets'"])
                    continue
                }
                configuration.topicSystem = text
            case "baseURL":
                guard let text = pair.value.expectString("'baseURL'", into: &bag) else { continue }
                let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
                guard trimmed.hasPrefix("https://") || trimmed.hasPrefix("http://"), !trimmed.contains(" "),
                    !trimmed.contains("?"), !trimmed.contains("#"), trimmed.split(separator: "/").count >= 2
                else {
                    bag.error(
                        CDSHooksDiagnosticCode.invalidBaseURL,
                        "'baseURL' \(quoted: text) must be an http or https URL without query or fragment",
                        at: pair.value.range, help: ["for example 'https://cds.example.org'"])
                    continue
                }
                configuration.baseURL = trimmed
            default:
                let key = pair.keyString ?? ""
                bag.append(
                    Diagnostic.error(
                        CDSHooksDiagnosticCode.unknownKey, "unknown key \(quoted: key) in 'cdsHooks'",
                        at: pair.key.range, help: ["the keys are " + keys.map { "'\($0)'" }.joined(separator: ", ")]
                    )
                    .suggesting(Suggestions.closest(to: key, in: keys)))
            }
        }
        return (bag.hasErrors ? nil : configuration, bag.sorted)
    }

    private static func readIssuer(
        _ item: YAMLNode, directory: String, bag: inout DiagnosticBag
    ) -> ClientTokenVerifier.Issuer? {
        guard let pairs = item.expectMapping("an issuer", into: &bag) else { return nil }
        var iss: String?
        var path: (String, SourceRange)?
        var tenants: Set<String>?
        for pair in pairs {
            switch pair.keyString ?? "" {
            case "iss": iss = pair.value.expectString("'iss'", into: &bag)
            case "jwks": path = pair.value.expectString("'jwks'", into: &bag).map { ($0, pair.value.range) }
            case "tenants":
                tenants = Set(
                    (pair.value.expectSequence("'tenants'", into: &bag) ?? []).compactMap {
                        $0.expectString("a tenant", into: &bag)
                    })
            default:
                let key = pair.keyString ?? ""
                bag.append(
                    Diagnostic.error(
                        CDSHooksDiagnosticCode.unknownKey, "unknown key \(quoted: key) in an issuer",
                        at: pair.key.range, help: ["the keys are 'iss', 'jwks', 'tenants'"]
                    )
                    .suggesting(Suggestions.closest(to: key, in: ["iss", "jwks", "tenants"])))
            }
        }
        guard let iss, let (file, range) = path else {
            bag.error(
                CDSHooksDiagnosticCode.incompleteIssuer, "an issuer needs 'iss' and 'jwks'", at: item.range,
                help: ["'jwks' names the client's JWK Set file"])
            return nil
        }
        let full = file.hasPrefix("/") ? file : "\(directory)/\(file)"
        guard let text = try? String(contentsOfFile: full, encoding: .utf8) else {
            bag.error(
                CDSHooksDiagnosticCode.unreadableJWKS,
                "cannot read the JWK Set file \(quoted: full) of issuer \(quoted: iss)", at: range)
            return nil
        }
        guard let keys = ClientTokenVerifier.usableKeys(text), !keys.isEmpty else {
            bag.error(
                CDSHooksDiagnosticCode.invalidJWKS,
                "the JWK Set \(quoted: full) of issuer \(quoted: iss) has no key that can verify a client token",
                at: range,
                help: [
                    "a JWK Set is {\"keys\": [...]}; EC (ES256, ES384) and RSA (RS256, RS384) keys with a 'kid' are used, others ignored"
                ])
            return nil
        }
        return ClientTokenVerifier.Issuer(name: iss, jwks: text, tenants: tenants)
    }
}
