import Foundation
import GuidelineDiagnostics
import GuidelineTool

/// `guideline audit export STORE --format fhir|fhir-ndjson [-o FILE]`: the trail as FHIR R5 resources
/// (``FHIRAuditMapper``), in chain order.
///
/// `fhir` is one `Bundle` of type `collection` (each entry's `fullUrl` `urn:uuid:ID`, references between entries
/// by it); `fhir-ndjson` is one resource per line, references `AuditEvent/ID`, as bulk data exports write them.
/// Exit codes: 0 exported, 1 the store cannot be read or a record cannot be read, 74 the file cannot be written.
package struct AuditExportCommand: Sendable {
    /// The output formats.
    package enum Format: String, Sendable, CaseIterable {
        /// A FHIR Bundle (type collection), JSON.
        case fhir
        /// FHIR resources, one JSON object a line.
        case fhirNDJSON = "fhir-ndjson"
    }

    /// The store: an SQLite file's path or a PostgreSQL URL.
    package var store: String
    /// How the store is opened.
    package var opener: AuditStoreOpener = .sqliteOnly
    /// The environment (`PGPASSWORD` for a PostgreSQL store).
    package var environment: [String: String] = ProcessInfo.processInfo.environment
    /// The format.
    package var format: Format
    /// The file to write; nil: standard output.
    package var output: String?
    /// The time the Bundle names as its `timestamp`.
    package var now: String = AuditClock.now()

    /// Creates the command.
    package init(store: String, format: Format, output: String? = nil, opener: AuditStoreOpener = .sqliteOnly) {
        self.store = store
        self.opener = opener
        self.format = format
        self.output = output
    }

    /// Runs it.
    package func run() -> ToolOutput {
        var bytes: [UInt8] = []
        var count = 0
        var unreadable: [Int] = []
        do throws(AuditError) {
            let opened = try opener.open(store, environment: environment)
            var mapper = FHIRAuditMapper(store: opened, references: format == .fhir ? .bundle : .relative)
            if format == .fhir {
                bytes += Array(#"{"resourceType":"Bundle","type":"collection","timestamp":"#.utf8)
                bytes += AuditJSON.string(now).canonicalBytes
                bytes += Array(#","entry":["#.utf8)
            }
            try opened.forEachEntry(since: nil) { entry throws(AuditError) in
                guard let resources = try mapper.resources(for: entry) else {
                    unreadable.append(entry.seq)
                    return true
                }
                for (fullUrl, resource) in resources {
                    switch format {
                    case .fhir:
                        if count > 0 { bytes.append(UInt8(ascii: ",")) }
                        bytes += Array(#"{"fullUrl":"#.utf8) + AuditJSON.string(fullUrl).canonicalBytes
                        bytes += Array(#","resource":"#.utf8) + Self.resourceBytes(resource)
                        bytes.append(UInt8(ascii: "}"))
                    case .fhirNDJSON:
                        bytes += Self.resourceBytes(resource)
                        bytes.append(UInt8(ascii: "\n"))
                    }
                    count += 1
                }
                return true
            }
            if format == .fhir { bytes += Array("]}\n".utf8) }
        } catch {
            return ToolOutput(stderr: "error: \(error)\n", exitCode: ToolOutput.failure)
        }
        var result = ToolOutput()
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: Data(bytes)) else {
                return ToolOutput(
                    stderr: "error: cannot write \(quoted: output) [\(ToolDiagnosticCode.writeFailed.rawValue)]\n",
                    exitCode: ToolOutput.ioError)
            }
            result.stderr = "\(count) resources written to \(quoted: output)\n"
        } else {
            result.stdout = String(decoding: bytes, as: UTF8.self)
        }
        if !unreadable.isEmpty {
            result.stderr +=
                "error: records \(unreadable.map(String.init).joined(separator: ", ")) cannot be read; they are not exported\n"
            result.exitCode = ToolOutput.failure
        }
        return result
    }

    /// A resource's JSON with `resourceType` first, as FHIR's JSON format recommends; the other members in
    /// canonical order.
    static func resourceBytes(_ resource: AuditJSON) -> [UInt8] {
        guard var members = resource.object, let type = members.removeValue(forKey: "resourceType") else {
            return resource.canonicalBytes
        }
        let rest = AuditJSON.object(members).canonicalBytes
        var out = Array(#"{"resourceType":"#.utf8) + type.canonicalBytes
        if rest.count > 2 { out.append(UInt8(ascii: ",")) }
        out += rest.dropFirst()
        return out
    }
}
