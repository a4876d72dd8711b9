import Foundation
import Mustache

/// The page's templates, stylesheets and script, read once from the target's resources (`Resources/`): nothing is
/// fetched at run time.
struct WebAssets: Sendable {
    /// The Mustache templates by name (`layout`, `index`, `login`, `ruleset`, `result`, `fact`).
    let library: MustacheLibrary
    /// Static files by name (`page.css`, `print.css`, `page.js`): content type and bytes.
    let files: [String: (type: String, bytes: [UInt8])]

    /// The assets of this module; a missing or broken resource is a programming error.
    static let shared: WebAssets = {
        guard let root = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            fatalError("the GuidelineWeb resources are missing")
        }
        var library = MustacheLibrary()
        for name in ["layout", "index", "login", "ruleset", "result", "fact"] {
            let url = root.appendingPathComponent("templates/\(name).mustache")
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                fatalError("the template \(name) is missing")
            }
            do { try library.register(text, named: name) } catch {
                fatalError("the template \(name) is broken: \(error)")
            }
        }
        var files: [String: (type: String, bytes: [UInt8])] = [:]
        let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8"]
        for name in ["page.css", "print.css", "page.js"] {
            guard let data = try? Data(contentsOf: root.appendingPathComponent(name)) else {
                fatalError("the asset \(name) is missing")
            }
            files[name] = (types[(name as NSString).pathExtension] ?? "application/octet-stream", Array(data))
        }
        return WebAssets(library: library, files: files)
    }()

    /// Renders template `name` with `context`, flagged (``flagged(_:)``).
    func render(_ name: String, _ context: [String: Any]) -> String {
        library.render(Self.flagged(context), withTemplate: name) ?? ""
    }

    /// `context` with `hasX` beside every text or list `x` (true when not empty), in every nested object.
    ///
    /// Mustache renders a section for any string, the empty one included, and looks a missing name up in the
    /// enclosing objects; the templates test `{{#hasX}}`, which is always there and always a boolean.
    static func flagged(_ context: [String: Any]) -> [String: Any] {
        var result: [String: Any] = [:]
        for (key, value) in context {
            let flag = "has" + key.prefix(1).uppercased() + key.dropFirst()
            switch value {
            case let text as String:
                result[key] = text
                result[flag] = !text.isEmpty
            case let object as [String: Any]:
                result[key] = flagged(object)
            case let list as [[String: Any]]:
                result[key] = list.map(flagged)
                result[flag] = !list.isEmpty
            default: result[key] = value
            }
        }
        return result
    }
}
