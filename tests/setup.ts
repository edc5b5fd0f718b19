/**
 * Loaded by mocha after ts-node. Pulumi reads a full stack trace for every resource it registers
 * (Resource.callsites, for source positions), and ts-node's source-map support maps every frame
 * of each one: that was two thirds of the suite's time. Without it a failure still names the right
 * file; its line numbers are those of the transpiled code, which transpile-only keeps close.
 */
delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;

/**
 * The Pulumi runtime also records a stack trace on every promise it makes (runtime/debuggable.js,
 * for its leak report), thousands per stack: capturing and formatting them was a quarter of the
 * suite's time. One frame still shows where an error was thrown, and for a failed assertion the
 * test's own line (assert drops its own frames). The program runs with --stack-trace-limit=1 for
 * the same reason (Pulumi.yaml nodeargs).
 */
Error.stackTraceLimit = 1;
