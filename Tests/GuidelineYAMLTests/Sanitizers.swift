import Foundation

/// Whether this test binary runs under the address or thread sanitizer (`swift test --sanitize=...`), found
/// by the sanitizer runtime's entry point. Sanitized code runs several times slower, so time budgets in tests
/// are multiplied by `slowdown`.
enum Sanitizers {
    /// True when a sanitizer runtime is loaded.
    static let active: Bool = {
        guard let process = dlopen(nil, RTLD_NOW) else { return false }
        defer { dlclose(process) }
        return dlsym(process, "__asan_init") != nil || dlsym(process, "__tsan_init") != nil
    }()

    /// The factor for time budgets: 1, or 5 under a sanitizer.
    static var slowdown: Int { active ? 5 : 1 }
}
