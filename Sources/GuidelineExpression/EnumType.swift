/// An enum type: a named, finite set of values, optionally ordered (so `<` and ranges apply).
///
/// A plain value holding one reference that is never counted: every distinct enum (same name, values and
/// order) is created once per process and kept for its lifetime, so `Value.symbol` is trivially copyable and
/// evaluation does no reference counting. Equal types are the same object.
public struct EnumType: Sendable, Hashable, CustomStringConvertible {
    /// The shared, never-freed part.
    final class Storage: Sendable {
        let name: String
        let values: [String]
        let ordered: Bool
        let ordinals: [String: Int]

        init(name: String, values: [String], ordered: Bool) {
            self.name = name
            self.values = values
            self.ordered = ordered
            var ordinals: [String: Int] = [:]
            for (i, v) in values.enumerated() where ordinals[v] == nil { ordinals[v] = i }
            self.ordinals = ordinals
        }
    }

    /// What identifies an enum type's content.
    private struct Key: Hashable {
        let name: String
        let values: [String]
        let ordered: Bool
    }

    /// Every enum type created so far.
    ///
    /// Entries are never removed: that is what makes the unowned reference below safe. Only rule compilation creates
    /// enum types, so the registry grows with distinct rule content, never with cases. Behind a pthread-backed lock,
    /// not `Mutex`, so the thread sanitizer can follow it.
    private static let registry = ProcessLock<[Key: Storage]>([:])

    private unowned(unsafe) let storage: Storage

    /// The enum type with this name and these values (in order); a duplicate value keeps its first ordinal.
    package init(name: String, values: [String], ordered: Bool) {
        let key = Key(name: name, values: values, ordered: ordered)
        storage = Self.registry.withLock { registry in
            if let existing = registry[key] { return existing }
            let created = Storage(name: name, values: values, ordered: ordered)
            registry[key] = created
            return created
        }
    }

    /// The name, for example `spine.level`.
    package var name: String { storage.name }
    /// The values in declaration order; for an ordered enum, lowest first.
    public var values: [String] { storage.values }
    /// Whether `<`, `>` and ranges are meaningful.
    package var ordered: Bool { storage.ordered }

    /// The position of `value` in `values`, if it is one.
    package func ordinal(of value: String) -> Int? { storage.ordinals[value] }

    /// The value at `ordinal`, if in range.
    package func value(at ordinal: Int) -> String? {
        storage.values.indices.contains(ordinal) ? storage.values[ordinal] : nil
    }

    /// The name.
    public var description: String { storage.name }

    /// Equal when created from the same name, values and order.
    public static func == (lhs: EnumType, rhs: EnumType) -> Bool { lhs.storage === rhs.storage }

    /// Hashes the identity.
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(storage)) }
}
