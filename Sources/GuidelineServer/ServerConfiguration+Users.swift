import GuidelineDiagnostics
import GuidelineYAML

extension ServerConfiguration {
    /// Reads `users:`: a list of `{name, bcrypt}`, names unique, each hash a bcrypt hash.
    mutating func readUsers(_ node: YAMLNode, into bag: inout DiagnosticBag) {
        guard let items = node.expectSequence("'users'", into: &bag) else { return }
        for item in items {
            guard let pairs = item.expectMapping("a user", into: &bag) else { continue }
            var name: String?
            var hash: String?
            for pair in pairs {
                switch pair.keyString ?? "" {
                case "name": name = pair.value.expectString("'name'", into: &bag)
                case "bcrypt":
                    guard let text = pair.value.expectString("'bcrypt'", into: &bag) else { continue }
                    if WebUser.isBcryptHash(text) {
                        hash = text
                    } else {
                        // The value is not echoed: it may be a password pasted by mistake.
                        bag.error(
                            "config.invalid-bcrypt", "'bcrypt' must be a bcrypt hash ($2b$, cost, salt and hash)",
                            at: pair.value.range,
                            help: ["hash a password with: htpasswd -nbBC 12 '' PASSWORD | cut -c 2-"])
                    }
                default: Self.unknownKey(pair, ["name", "bcrypt"], in: "a user", into: &bag)
                }
            }
            guard let name, !name.isEmpty, let hash else {
                if !bag.hasErrors {
                    bag.error("config.incomplete-user", "a user needs 'name' and 'bcrypt'", at: item.range)
                }
                continue
            }
            if users.contains(where: { $0.name == name }) {
                bag.error("config.duplicate-user", "two users are named \(quoted: name)", at: item.range)
            }
            users.append(WebUser(name: name, bcrypt: hash))
        }
    }
}
