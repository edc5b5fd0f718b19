import type { VerificationOutput, VerificationRule } from "../components/stack";
import { AwsClients, endpointOf, Service } from "./clients";
import { environmentErrorOf, errorName, fixFor, messageOf } from "./errors";
import { CheckResult, ReportSink, Status } from "./report";

/** What every check gets: the expected stack, the clients, where results go, and the clock. */
export interface VerifyContext {
    readonly expected: VerificationOutput;
    readonly aws: AwsClients;
    readonly report: ReportSink;
    readonly canary: boolean;
    readonly timeoutMs: number;
    /** Milliseconds since the epoch; the tests set it. */
    readonly now: () => number;
    readonly sleep: (ms: number) => Promise<void>;
}

/** Where a result is about. */
export interface Subject {
    readonly id: string;
    readonly region: string;
    readonly resource: string;
}

/** How the results name a rule: its name, after its bus's unless the default bus, as in its ARN. */
export const ruleResource = (rule: Pick<VerificationRule, "name" | "busName">) =>
    rule.busName === "default" ? rule.name : `${rule.busName}/${rule.name}`;

function record(
    ctx: VerifyContext,
    subject: Subject,
    status: Status,
    message: string,
    fix?: string,
): void {
    const result: CheckResult = { ...subject, account: ctx.expected.account, status, message, fix };
    ctx.report.add(result);
}

export const pass = (ctx: VerifyContext, subject: Subject, message: string) =>
    record(ctx, subject, "PASS", message);
export const warn = (ctx: VerifyContext, subject: Subject, message: string, fix: string) =>
    record(ctx, subject, "WARN", message, fix);
export const fail = (ctx: VerifyContext, subject: Subject, message: string, fix: string) =>
    record(ctx, subject, "FAIL", message, fix);

/**
 * A failed read: credentials and endpoints stop verify (exit 2); any other error of the service
 * is this check's FAIL, and verify goes on with the other checks.
 */
export function reportError(
    ctx: VerifyContext,
    subject: Subject,
    service: Service,
    error: unknown,
): void {
    const environment = environmentErrorOf(error, endpointOf(service, subject.region));
    if (environment !== undefined) {
        throw environment;
    }
    fail(ctx, subject, `could not check: ${errorName(error)}: ${messageOf(error)}`, fixFor(error));
}

/**
 * Runs one read for a check; undefined when it failed, which has been reported. With `missing`, a
 * resource the service says does not exist is a FAIL with that message, fixed by pulumi up; any
 * other error goes to reportError.
 */
export async function attempt<T>(
    ctx: VerifyContext,
    subject: Subject,
    service: Service,
    call: () => Promise<T>,
    missing?: string,
): Promise<T | undefined> {
    try {
        return await call();
    } catch (error) {
        if (missing !== undefined && isNotFound(error)) {
            fail(ctx, subject, missing, "run pulumi up");
        } else {
            reportError(ctx, subject, service, error);
        }
        return undefined;
    }
}

/**
 * Whether an error is the service saying the resource does not exist; not an endpoint that is not
 * AWS answering 404, which reportError makes an exit code 2.
 */
function isNotFound(error: unknown): boolean {
    return (
        environmentErrorOf(error, "") === undefined &&
        /NotFound|NonExistent|DoesNotExist|NoSuch/i.test(errorName(error))
    );
}
