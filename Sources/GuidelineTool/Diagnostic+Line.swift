import GuidelineDiagnostics

extension Diagnostic {
    /// The diagnostic of a line parsed alone (where it is line 1), put on line `number` of its file: its range and
    /// the places its notes point at.
    package func moved(toLine number: Int) -> Diagnostic {
        var copy = self
        copy.range?.start.line = number
        copy.range?.end.line = number
        for index in copy.notes.indices {
            copy.notes[index].range?.start.line = number
            copy.notes[index].range?.end.line = number
        }
        return copy
    }
}
