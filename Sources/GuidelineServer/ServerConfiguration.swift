import Foundation
import GuidelineAudit
import GuidelineCDSHooks
import GuidelineDiagnostics
import GuidelineYAML

/// The configuration of `guideline serve`: where it listens, who may call it, which origins may call it from a browser,
/// and its limits.
///
/// Read from a YAML or JSON file (`--config`); without one the server listens on 127.0.0.1 only and asks for no
/// credentials.
///
/// ```yaml
/// host: 0.0.0.0
/// port: 8080
/// apiKeys:
///   - name: ehr-integration
///     sha256: 2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae
///     roles: [evaluate]
/// cors:
///   allowedOrigins: [https://ehr.example.org]
/// limits:
///   caseBodyBytes: 1048576
///   batchBodyBytes: 268435456
///   concurrentRequests: 64
///   requestSeconds: 30
///   batchSeconds: 3600
/// users:                              # the clinician's page; hash with bcrypt (cost 10 to 14)
///   - {name: dr-lee, bcrypt: "$2b$12$..."}
/// cdsHooks:                           # read by ``CDSHooksConfiguration``
///   issuers:
///     - {iss: https://sandbox.cds-hooks.org, jwks: sandbox.jwks.json}
/// audit:                              # every evaluation and feedback appended, durably, before the answer
///   store: trail.sqlite               # or postgres://USER@HOST:PORT/DB (password: PGPASSWORD)
///   hmacKeyFile: audit.key
/// ```
package struct ServerConfiguration: Sendable, Equatable {
    /// The limits a request is held to.
    package struct Limits: Sendable, Equatable {
        /// The largest case body of `evaluate`, in bytes (default 1 MiB).
        package var caseBodyBytes = 1 << 20
        /// The largest batch body, in bytes (default 256 MiB).
        package var batchBodyBytes = 256 << 20
        /// Requests served at once; more get 503 (default 64).
        package var concurrentRequests = 64
        /// The longest time for a request other than a batch, in seconds (default 30).
        package var requestSeconds = 30
        /// The longest time for a batch, in seconds (default 3600).
        package var batchSeconds = 3600

        /// The defaults.
        package init() {}
    }

    /// The address to bind.
    package var host = "127.0.0.1"
    /// The port (0: any free port).
    package var port = 8080
    /// Whether requests must carry an API key: true whenever a configuration file is used.
    package var requiresKeys = false
    /// The API keys, by hash.
    package var apiKeys: [APIKey] = []
    /// Origins allowed to call from a browser (CORS), exactly as browsers send them.
    package var allowedOrigins: [String] = []
    /// The limits.
    package var limits = Limits()
    /// The `cdsHooks:` section: the CDS clients allowed and their keys (empty: every CDS Hooks call is refused
    /// when a configuration file is used).
    package var cdsHooks = CDSHooksConfiguration()
    /// The people who may log in to the clinician's page (`users:`), each with a bcrypt hash of the password.
    package var users: [WebUser] = []
    /// The `audit:` section: the audit store and its HMAC key file (paths relative to the configuration file);
    /// nil: nothing is recorded.
    package var audit: AuditSection?

    /// The `audit:` section.
    package struct AuditSection: Sendable, Equatable {
        /// The audit store: an SQLite file's path or a PostgreSQL URL.
        package var store: String
        /// The HMAC key file's path; nil: `GUIDELINE_AUDIT_KEY`.
        package var hmacKeyFile: String?
    }

    /// The configuration without a file: loopback only, no keys.
    package init() {}

    /// The largest configuration file read, in bytes.
    static let maxFileBytes = 1 << 20

    /// Reads the configuration file at `path`; a failure is the diagnostics, rendered with the file's lines.
    package static func load(path: String) -> Result<ServerConfiguration, ConfigurationError> {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(ConfigurationError(message: "error: cannot read configuration file \(quoted: path)\n"))
        }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: maxFileBytes + 1) ?? Data() else {
            return .failure(ConfigurationError(message: "error: cannot read configuration file \(quoted: path)\n"))
        }
        guard data.count <= maxFileBytes else {
            return .failure(
                ConfigurationError(
                    message: "error: the configuration file \(quoted: path) is over \(maxFileBytes) bytes\n"))
        }
        return parse(bytes: Array(data), file: path)
    }

    /// Reads a configuration from the bytes of a YAML or JSON file named `file`.
    package static func parse(bytes: [UInt8], file: String) -> Result<ServerConfiguration, ConfigurationError> {
        let document = YAMLLoader().load(bytes: bytes, file: file)
        var bag = DiagnosticBag()
        bag.append(contentsOf: document.diagnostics)
        var configuration = ServerConfiguration()
        configuration.requiresKeys = true
        configuration.port = 8080
        if !document.hasErrors {
            if let root = document.root {
                configuration.read(root, directory: (file as NSString).deletingLastPathComponent, into: &bag)
            } else {
                bag.error(
                    "config.empty", "the configuration file is empty",
                    at: SourceRange(start: SourceLocation(file: file, line: 1, column: 1)))
            }
        }
        guard !bag.hasErrors else {
            var store = SourceStore()
            store.add(file: file, bytes: bytes)
            let rendered = DiagnosticRenderer(sources: store).render(bag.sorted)
            return .failure(
                ConfigurationError(
                    message: rendered + "error: the configuration file \(quoted: file) has errors\n",
                    diagnostics: bag.sorted))
        }
        return .success(configuration)
    }

    private mutating func read(_ root: YAMLNode, directory: String, into bag: inout DiagnosticBag) {
        guard let pairs = root.expectMapping("the configuration", into: &bag) else { return }
        let known = ["host", "port", "apiKeys", "cors", "limits", "cdsHooks", "users", "audit"]
        var sawKeys = false
        for pair in pairs {
            let key = pair.keyString ?? ""
            switch key {
            case "host":
                if let host = pair.value.expectString("'host'", into: &bag) {
                    if host.isEmpty || host.contains(where: { $0 == " " || $0 == "/" }) {
                        bag.error(
                            "config.invalid-host", "\(quoted: host) is not a host name or address", at: pair.value.range
                        )
                    } else {
                        self.host = host
                    }
                }
            case "port":
                if let port = pair.value.expectInteger("'port'", into: &bag) {
                    if (0...65535).contains(port) {
                        self.port = port
                    } else {
                        bag.error(
                            "config.invalid-port", "the port must be from 0 to 65535, found \(port)",
                            at: pair.value.range)
                    }
                }
            case "apiKeys":
                sawKeys = true
                readKeys(pair.value, into: &bag)
            case "cors": readCORS(pair.value, into: &bag)
            case "limits": readLimits(pair.value, into: &bag)
            case "users": readUsers(pair.value, into: &bag)
            case "cdsHooks":
                let (section, diagnostics) = CDSHooksConfiguration.read(
                    pair.value, relativeTo: directory.isEmpty ? "." : directory)
                bag.append(contentsOf: diagnostics)
                if let section { cdsHooks = section }
            case "audit": readAudit(pair.value, directory: directory, into: &bag)
            default: Self.unknownKey(pair, known, in: "the configuration", into: &bag)
            }
        }
        if !sawKeys || apiKeys.isEmpty, !bag.hasErrors {
            bag.error(
                "config.no-api-keys", "the configuration has no API keys", at: root.range,
                help: [
                    "add 'apiKeys:' with a name, the sha256 of each key and its roles; without --config the server runs on 127.0.0.1 without keys"
                ])
        }
    }

    /// Reads `audit: {store: PATH | postgres://..., hmacKeyFile: PATH}`.
    private mutating func readAudit(_ node: YAMLNode, directory: String, into bag: inout DiagnosticBag) {
        guard let pairs = node.expectMapping("'audit'", into: &bag) else { return }
        var store: String?
        var keyFile: String?
        func resolved(_ path: String) -> String {
            path.hasPrefix("/") || directory.isEmpty ? path : "\(directory)/\(path)"
        }
        for pair in pairs {
            switch pair.keyString ?? "" {
            case "store":
                // A PostgreSQL URL is taken as it is; a file path relative to the configuration file.
                store = pair.value.expectString("'store'", into: &bag).map {
                    AuditStoreOpener.isPostgres($0) ? $0 : resolved($0)
                }
            case "hmacKeyFile": keyFile = pair.value.expectString("'hmacKeyFile'", into: &bag).map(resolved)
            default: Self.unknownKey(pair, ["store", "hmacKeyFile"], in: "'audit'", into: &bag)
            }
        }
        guard let store else {
            bag.error(
                "config.missing-key", "'audit' needs 'store': the audit store's path or PostgreSQL URL", at: node.range)
            return
        }
        audit = AuditSection(store: store, hmacKeyFile: keyFile)
    }

    private mutating func readKeys(_ node: YAMLNode, into bag: inout DiagnosticBag) {
        guard let items = node.expectSequence("'apiKeys'", into: &bag) else { return }
        for item in items {
            guard let pairs = item.expectMapping("an API key", into: &bag) else { continue }
            var name: String?
            var hash: [UInt8]?
            var roles: Set<APIKey.Role> = []
            for pair in pairs {
                switch pair.keyString ?? "" {
                case "name": name = pair.value.expectString("'name'", into: &bag)
                case "sha256":
                    guard let text = pair.value.expectString("'sha256'", into: &bag) else { continue }
                    hash = APIKey.bytes(ofHex: text)
                    if hash == nil {
                        bag.error(
                            "config.invalid-hash",
                            "'sha256' must be 64 hexadecimal digits, the SHA-256 hash of the key", at: pair.value.range,
                            help: ["hash a key with: printf %s KEY | sha256sum"])
                    }
                case "roles":
                    guard let list = pair.value.expectSequence("'roles'", into: &bag) else { continue }
                    for roleNode in list {
                        guard let text = roleNode.expectString("a role", into: &bag) else { continue }
                        if let role = APIKey.Role(rawValue: text) {
                            roles.insert(role)
                        } else {
                            bag.append(
                                Diagnostic.error(
                                    "config.unknown-role", "unknown role \(quoted: text)", at: roleNode.range,
                                    help: ["the roles are 'evaluate' and 'audit'"]
                                )
                                .suggesting(Suggestions.closest(to: text, in: APIKey.Role.allCases.map(\.rawValue))))
                        }
                    }
                default: Self.unknownKey(pair, ["name", "sha256", "roles"], in: "an API key", into: &bag)
                }
            }
            guard let name, let hash else {
                if !bag.hasErrors {
                    bag.error("config.incomplete-key", "an API key needs 'name', 'sha256' and 'roles'", at: item.range)
                }
                continue
            }
            if apiKeys.contains(where: { $0.name == name }) {
                bag.error("config.duplicate-key-name", "two API keys are named \(quoted: name)", at: item.range)
            }
            if roles.isEmpty {
                bag.error("config.no-roles", "the API key \(quoted: name) has no roles", at: item.range)
            }
            apiKeys.append(APIKey(name: name, hash: hash, roles: roles))
        }
    }

    private mutating func readCORS(_ node: YAMLNode, into bag: inout DiagnosticBag) {
        guard let pairs = node.expectMapping("'cors'", into: &bag) else { return }
        for pair in pairs {
            guard pair.keyString == "allowedOrigins" else {
                Self.unknownKey(pair, ["allowedOrigins"], in: "'cors'", into: &bag)
                continue
            }
            guard let list = pair.value.expectSequence("'allowedOrigins'", into: &bag) else { continue }
            for item in list {
                guard let origin = item.expectString("an origin", into: &bag) else { continue }
                let valid =
                    (origin.hasPrefix("https://") || origin.hasPrefix("http://")) && !origin.hasSuffix("/")
                    && !origin.contains("*")
                if valid {
                    allowedOrigins.append(origin)
                } else {
                    bag.error(
                        "config.invalid-origin", "\(quoted: origin) is not an origin", at: item.range,
                        help: [
                            "an origin is a scheme, a host and maybe a port, with no path or wildcard: 'https://ehr.example.org'"
                        ])
                }
            }
        }
    }

    private mutating func readLimits(_ node: YAMLNode, into bag: inout DiagnosticBag) {
        guard let pairs = node.expectMapping("'limits'", into: &bag) else { return }
        let fields: [(String, WritableKeyPath<Limits, Int>)] = [
            ("caseBodyBytes", \.caseBodyBytes), ("batchBodyBytes", \.batchBodyBytes),
            ("concurrentRequests", \.concurrentRequests),
            ("requestSeconds", \.requestSeconds), ("batchSeconds", \.batchSeconds),
        ]
        for pair in pairs {
            let key = pair.keyString ?? ""
            guard let field = fields.first(where: { $0.0 == key }) else {
                Self.unknownKey(pair, fields.map(\.0), in: "'limits'", into: &bag)
                continue
            }
            guard let value = pair.value.expectInteger(quoted(key), into: &bag) else { continue }
            if value < 1 {
                bag.error(
                    "config.invalid-limit", "\(quoted: key) must be a positive number, found \(value)",
                    at: pair.value.range)
            } else {
                limits[keyPath: field.1] = value
            }
        }
    }

    private func quoted(_ text: String) -> String { "\(quoted: text)" }

    static func unknownKey(_ pair: YAMLPair, _ known: [String], in what: String, into bag: inout DiagnosticBag) {
        let key = pair.keyString ?? ""
        bag.append(
            Diagnostic.error(
                "config.unknown-key", "unknown key \(quoted: key) in \(what)", at: pair.key.range,
                help: ["the keys are " + known.map { "'\($0)'" }.joined(separator: ", ")]
            )
            .suggesting(Suggestions.closest(to: key, in: known)))
    }
}
