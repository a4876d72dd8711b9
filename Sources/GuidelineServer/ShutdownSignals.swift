import Foundation
import ServiceLifecycle

/// The write end of the pipe the signal handler writes to (set once, before the handler is installed).
nonisolated(unsafe) private var shutdownPipeWriteEnd: Int32 = -1

/// Turns SIGTERM and SIGINT into a graceful shutdown of a service group: a handler that only writes a byte to a
/// pipe (all a signal handler may safely do), and a thread that reads the pipe and asks the group to stop.
///
/// Not a Dispatch signal source: on Linux those read a signalfd, which sees a signal only if every thread
/// blocks it, and threads that Dispatch started before (with the signal unblocked) would take it instead and end
/// the process at once, requests in flight and all.
enum ShutdownSignals {
    /// Installs the handler and starts the thread; each signal asks `group` to shut down gracefully.
    static func install(for group: ServiceGroup) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return }
        shutdownPipeWriteEnd = ends[1]
        let readEnd = ends[0]
        let thread = Thread {
            // A process started with the signals blocked (a parent's mask is inherited) would never run the
            // handler: this thread takes them.
            var signals = sigset_t()
            sigemptyset(&signals)
            sigaddset(&signals, SIGTERM)
            sigaddset(&signals, SIGINT)
            pthread_sigmask(SIG_UNBLOCK, &signals, nil)
            var byte: UInt8 = 0
            while true {
                let count = read(readEnd, &byte, 1)
                if count < 0, errno == EINTR { continue }
                guard count == 1 else { return }
                Task { await group.triggerGracefulShutdown() }
            }
        }
        thread.start()
        for signal in [SIGTERM, SIGINT] {
            _ = Foundation.signal(signal) { _ in
                var byte: UInt8 = 1
                _ = write(shutdownPipeWriteEnd, &byte, 1)
            }
        }
    }
}
