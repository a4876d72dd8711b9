/// What the untraced walk tells about the slots it reads (`ExpressionBlock.walk(_:_:_:)`): each read of an
/// undecided value (unknown, or only partly known), and positions to rewind to when an operation above those
/// reads turns out decided.
protocol WalkReads {
    /// The position to rewind to, taken before an operation is walked.
    var mark: Int { get }
    /// Slot `slot` (in range) was read and its value is undecided.
    mutating func read(slot: Int)
    /// Forgets the reads since `mark`.
    mutating func rewind(to mark: Int)
}

/// Reads a plain walk ignores (it compiles to nothing).
struct IgnoredReads: WalkReads {
    @inline(__always) var mark: Int { 0 }
    @inline(__always) mutating func read(slot: Int) {}
    @inline(__always) mutating func rewind(to mark: Int) {}
}

/// Reads kept in a caller's buffer; a read beyond its end is counted but not kept (`overflowed`).
private struct BufferedReads: WalkReads {
    let buffer: UnsafeMutableBufferPointer<Int32>
    var count = 0

    /// Whether more reads were kept at once than the buffer holds.
    var overflowed: Bool { count > buffer.count }

    @inline(__always) var mark: Int { count }

    @inline(__always)
    mutating func read(slot: Int) {
        if count < buffer.count { buffer[count] = Int32(truncatingIfNeeded: slot) }
        count += 1
    }

    @inline(__always) mutating func rewind(to mark: Int) { count = mark }
}

extension ExpressionBlock {
    /// The slots behind the undecided nodes of expression `index` over `slots`, found by the untraced walk: the
    /// slots whose undecided value is read by a node reached from the root through undecided nodes only, as
    /// `Explanation.undecidedSlots` finds them in a full trace (here in walk order, possibly repeated, and only
    /// slots inside `slots`).
    ///
    /// Written to `found`; returns how many, or nil when the walk does not decide the expression (`truth` is
    /// `needsEvaluation`: the caller needs a trace) or `found` is too small (it never is with room for `nodeCount(of:
    /// index)`, as each node is read at most once). A decided expression has none.
    package func undecidedSlots(
        _ index: Int, slots: UnsafeBufferPointer<Value>, into found: UnsafeMutableBufferPointer<Int32>
    ) -> Int? {
        guard index >= 0, index < entries.count, let root = entries[index].walk else { return nil }
        var reads = BufferedReads(buffer: found)
        guard walk(root, slots, &reads) != nil, !reads.overflowed else { return nil }
        return reads.count
    }
}
