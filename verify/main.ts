import type { VerificationOutput } from "../components/stack";
import { parseArguments, USAGE } from "./args";
import { AwsClients, httpTimeouts } from "./clients";
import { EnvironmentError, messageOf, UsageError } from "./errors";
import { readOutputsFile, readStackOutputs } from "./outputs";
import { Io, Reporter, summarize } from "./report";
import { runChecks } from "./runChecks";

/** What the command runs with; the tests give their own clock and sleep. */
interface Runtime {
    readonly io: Io;
    readonly now?: () => number;
    readonly sleep?: (ms: number) => Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * `npm run verify -- --stack <name>`: reads the stack's outputs, runs every check, prints them.
 * Returns the exit code: 0 when nothing fails, 1 when a check fails, 2 for a usage error, missing
 * or expired credentials, a missing stack or an unreachable endpoint, each said in one line.
 */
export async function main(argv: readonly string[], runtime: Runtime): Promise<number> {
    const { io } = runtime;
    if (argv.includes("--help") || argv.includes("-h")) {
        io.out(`${USAGE}\n`);
        return 0;
    }
    let report: Reporter | undefined;
    try {
        const options = parseArguments(argv);
        const expected: VerificationOutput =
            options.outputsFile !== undefined
                ? readOutputsFile(options.outputsFile)
                : await readStackOutputs(options.stack ?? "");
        report = new Reporter(io, options.json);
        await runChecks({
            expected,
            aws: new AwsClients(httpTimeouts(options.requestTimeoutMs)),
            report,
            canary: options.canary,
            timeoutMs: options.timeoutMs,
            now: runtime.now ?? Date.now,
            sleep: runtime.sleep ?? sleep,
        });
        report.finish();
        return summarize(report.results).fail > 0 ? 1 : 0;
    } catch (error) {
        const known = error instanceof UsageError || error instanceof EnvironmentError;
        const line = known ? error.message : `unexpected error: ${messageOf(error)}`;
        // With --json, what was found before the stop is still one document, with the reason.
        report?.abort(line);
        io.err(`verify: ${line}\n`);
        if (!known && process.env.VERIFY_DEBUG) {
            io.err(`${error instanceof Error ? error.stack : ""}\n`);
        }
        return 2;
    }
}
