import GuidelineExpression

/// The display text of slot values already written in the current batch line, so a value shown in several
/// because lines and texts (a score's interval, a quantity) is formatted once per case and then copied.
///
/// One per thread (in `BatchLineWriter.Scratch`); `beginCase` forgets every text in constant time by moving to
/// a new generation.
final class SlotTexts: @unchecked Sendable {
    /// Per slot: the generation its text was stored in, and where the text is in `arena`.
    private struct Entry {
        var generation: UInt32
        var start: Int32
        var count: Int32
    }

    private var entries = UnsafeMutableBufferPointer<Entry>(start: nil, count: 0)
    private let arena = ByteBuffer(capacity: 1 << 12)
    private var generation: UInt32 = 0

    deinit { entries.baseAddress?.deallocate() }

    /// Starts a case of a ruleset with `slots` slots: no text is known.
    func beginCase(slots: Int) {
        arena.removeAll()
        if entries.count != slots || generation == UInt32.max {
            entries.baseAddress?.deallocate()
            entries = .allocate(capacity: slots)
            entries.initialize(repeating: Entry(generation: 0, start: 0, count: 0))
            generation = 0
        }
        generation += 1
    }

    /// Appends slot `slot`'s text to `out` if it was stored in this case; false otherwise.
    @inline(__always)
    func appendStored(_ slot: Int, to out: ByteBuffer) -> Bool {
        guard slot < entries.count, entries[slot].generation == generation else { return false }
        let entry = entries[slot]
        out.append(UnsafeBufferPointer(rebasing: arena.bytes[Int(entry.start)..<Int(entry.start + entry.count)]))
        return true
    }

    /// Stores `text` as slot `slot`'s text for this case.
    func store(_ slot: Int, _ text: UnsafeBufferPointer<UInt8>) {
        guard slot < entries.count, arena.count + text.count < Int(Int32.max) else { return }
        entries[slot] = Entry(generation: generation, start: Int32(arena.count), count: Int32(text.count))
        arena.append(text)
    }
}
