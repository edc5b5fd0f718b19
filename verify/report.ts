/** How verify tells what it found: one line per check, or one JSON document (docs/verify.md). */

export type Status = "PASS" | "WARN" | "FAIL";

export interface CheckResult {
    /** Which check: `identity`, `subscription`, `trail`, `rule`, `rule-pattern`... */
    readonly id: string;
    readonly status: Status;
    readonly region: string;
    readonly account: string;
    /** The resource checked: a rule's name, a topic's ARN, an account... */
    readonly resource: string;
    readonly message: string;
    /** What to do, for a WARN or a FAIL. */
    readonly fix?: string;
}

export interface Summary {
    readonly pass: number;
    readonly warn: number;
    readonly fail: number;
}

/** Where the results go: stdout for the results, stderr for progress and problems. */
export interface Io {
    readonly out: (text: string) => void;
    readonly err: (text: string) => void;
    /** Whether stderr is a terminal: only then is progress shown, on one line that is rewritten. */
    readonly tty: boolean;
}

export function summarize(results: readonly CheckResult[]): Summary {
    const count = (status: Status) => results.filter((result) => result.status === status).length;
    return { pass: count("PASS"), warn: count("WARN"), fail: count("FAIL") };
}

/** One line: status, check, region, account, resource, then what was found and what to do. */
function resultLine(result: CheckResult): string {
    const fix = result.fix === undefined || result.status === "PASS" ? "" : ` Fix: ${result.fix}`;
    return (
        `${result.status.padEnd(4)}  ${result.id}  ${result.region}  ${result.account}  ` +
        `${result.resource}: ${result.message}${fix}`
    );
}

/** The JSON document; `error` is the one line that stopped verify (exit code 2) before the end. */
function jsonDocument(results: readonly CheckResult[], error?: string): string {
    const checks = results.map((result) => ({
        id: result.id,
        status: result.status,
        region: result.region,
        account: result.account,
        resource: result.resource,
        message: result.message,
        fix: result.fix ?? null,
    }));
    return (
        JSON.stringify(
            { checks, summary: summarize(results), ...(error === undefined ? {} : { error }) },
            null,
            2,
        ) + "\n"
    );
}

/** Where a check puts its results and its progress. */
export interface ReportSink {
    add(result: CheckResult): void;
    progress(text: string): void;
}

/** Collects the results and, in text mode, prints each as it comes; shows progress on a terminal. */
export class Reporter implements ReportSink {
    readonly results: CheckResult[] = [];
    private progressShown = false;

    constructor(
        private readonly io: Io,
        private readonly json: boolean,
    ) {}

    add(result: CheckResult): void {
        this.results.push(result);
        if (!this.json) {
            this.clearProgress();
            this.io.out(resultLine(result) + "\n");
        }
    }

    /** A transient line on a terminal (what is being checked, how long a wait has lasted). */
    progress(text: string): void {
        if (this.io.tty) {
            this.io.err(`\r\x1b[2K${text}`);
            this.progressShown = true;
        }
    }

    clearProgress(): void {
        if (this.progressShown) {
            this.io.err("\r\x1b[2K");
            this.progressShown = false;
        }
    }

    /** The summary line, or the whole JSON document. */
    finish(): void {
        this.clearProgress();
        if (this.json) {
            this.io.out(jsonDocument(this.results));
            return;
        }
        const { pass, warn, fail } = summarize(this.results);
        this.io.out(`\n${pass} passed, ${warn} warned, ${fail} failed\n`);
    }

    /**
     * verify stopped (exit code 2) after the checks began: with --json, the results so far and the
     * reason are still one document on stdout; in text mode each result is already printed.
     */
    abort(error: string): void {
        this.clearProgress();
        if (this.json) {
            this.io.out(jsonDocument(this.results, error));
        }
    }
}
