/// Escapes what a ruleset puts on a rendered page, for each format `guideline render` writes.
enum Escaping {
    /// Text for HTML element content and quoted attribute values: `& < > " '` as character references.
    static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Text for GitHub-flavoured Markdown, also inside a table cell: every punctuation character Markdown gives a
    /// meaning is backslash-escaped, `<` `>` `&` become character references (no HTML passes through), and line
    /// breaks become spaces (a cell and a list item are one line).
    static func markdown(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "#", "|", "~":
                out += "\\" + String(character)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out
    }

    /// A code span for Markdown: backtick fences longer than any run of backticks inside, `|` as a character
    /// reference (which a code span in a table cell shows as `|`), line breaks as spaces.
    static func markdownCode(_ text: String) -> String {
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        var body = text.replacing("\n", with: " ").replacing("\r", with: " ")
        body = body.replacing("|", with: "\\|")
        let padded = body.hasPrefix("`") || body.hasSuffix("`") ? " \(body) " : body
        return fence + padded + fence
    }

    /// A quoted string for Graphviz DOT: `"` and `\` escaped (so no `\N`, `\G` or `\l` escape applies), line
    /// breaks as `\n`.
    static func dot(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": break
            default: out.append(character)
            }
        }
        return out + "\""
    }

    /// A quoted node label for Mermaid: the characters Mermaid or its HTML labels would read as syntax (`"`, `#`,
    /// `<`, `>`, `&`, brackets, `|`, backticks) as Mermaid entity codes, line breaks as spaces.
    static func mermaid(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "#", "<", ">", "&", "[", "]", "{", "}", "(", ")", "|", "`", "\\", ";":
                out += "#\(scalar.value);"
            case "\n", "\r": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
