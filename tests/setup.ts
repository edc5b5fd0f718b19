/**
 * Loaded by mocha after ts-node. Pulumi reads a full stack trace for every resource it registers
 * (Resource.callsites, for source positions), and ts-node's source-map support maps every frame
 * of each one: that was two thirds of the suite's time. Without it a failure still names the right
 * file; its line numbers are those of the transpiled code, which transpile-only keeps close.
 */
delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
