/**
 * The problems that stop verify before or outside the checks: each is one line for the user and
 * exit code 2, never a stack trace (docs/verify.md, "Exit codes").
 */

/** A wrong command line, or outputs verify cannot use. */
export class UsageError extends Error {}

/** Credentials missing or expired, a stack that does not exist, an endpoint that does not answer. */
export class EnvironmentError extends Error {}

interface ErrorFields {
    readonly name?: string;
    readonly code?: string;
    readonly message?: string;
    readonly $metadata?: { readonly httpStatusCode?: number };
}

/** Error codes of the AWS SDK and the services for credentials that are missing, expired or wrong. */
const CREDENTIAL_ERRORS = new Set([
    "CredentialsProviderError",
    "ExpiredToken",
    "ExpiredTokenException",
    "RequestExpired",
    "InvalidClientTokenId",
    "UnrecognizedClientException",
    "InvalidSignatureException",
    "SignatureDoesNotMatch",
    "TokenRefreshRequired",
    "AuthFailure",
]);

/** Node's codes for a host that cannot be reached (Node.js errors reference, "Common system errors"). */
const NETWORK_ERRORS = new Set([
    "ECONNREFUSED",
    "ECONNRESET",
    "ENOTFOUND",
    "ETIMEDOUT",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "EAI_AGAIN",
    "EPIPE",
]);

function fields(error: unknown): ErrorFields {
    return typeof error === "object" && error !== null ? (error as ErrorFields) : {};
}

/** The message of any thrown value, on one line. */
export function messageOf(error: unknown): string {
    const text = error instanceof Error ? error.message : String(error);
    return text.split("\n").find((line) => line.trim() !== "") ?? text;
}

/**
 * The EnvironmentError an AWS SDK error stands for, or undefined when it is a service's answer
 * about one resource (not found, access denied...), which a check reports itself.
 */
export function environmentErrorOf(error: unknown, endpoint: string): EnvironmentError | undefined {
    if (error instanceof EnvironmentError) {
        return error;
    }
    const { name, code } = fields(error);
    if (
        name === "CredentialsProviderError" ||
        /could not load credentials/i.test(messageOf(error))
    ) {
        return new EnvironmentError(
            `no AWS credentials found (${messageOf(error)}); set AWS_PROFILE, run aws sso login, ` +
                "or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
        );
    }
    if (
        CREDENTIAL_ERRORS.has(name ?? "") ||
        CREDENTIAL_ERRORS.has(code ?? "") ||
        /token (is )?expired|sso session.*expired/i.test(messageOf(error))
    ) {
        return new EnvironmentError(
            `the AWS credentials are expired or invalid (${name ?? code}: ${messageOf(error)}); ` +
                "refresh them (aws sso login, or new keys) and run verify again",
        );
    }
    // node-http-handler names a reset or broken connection TimeoutError too, with Node's code.
    if (name === "TimeoutError" && (code === undefined || code === "ETIMEDOUT")) {
        return new EnvironmentError(
            `the AWS endpoint ${endpoint} did not answer in time (${messageOf(error)}); check ` +
                "AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE>, the region and the network " +
                "(--request-timeout sets how long each of the 3 attempts may take)",
        );
    }
    if (
        NETWORK_ERRORS.has(code ?? "") ||
        NETWORK_ERRORS.has(name ?? "") ||
        name === "TimeoutError"
    ) {
        return new EnvironmentError(
            `cannot reach the AWS endpoint ${endpoint} (${code ?? name}); ` +
                "check AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE>, the region and the network",
        );
    }
    const status = notAnAwsAnswer(error);
    if (status !== undefined) {
        return notAwsError(endpoint, status, messageOf(error));
    }
    return undefined;
}

/**
 * The HTTP status of an answer that is not an AWS service's: a body the SDK cannot parse
 * ("Deserialization error"), or an error it can only call Unknown (a 404 or 5xx with no AWS error
 * in it). Undefined for a service's own error.
 */
function notAnAwsAnswer(error: unknown): number | undefined {
    const { $metadata, message } = fields(error);
    const status = $metadata?.httpStatusCode;
    if (status === undefined) {
        return undefined;
    }
    const unknown = message === "Unknown" || message === "UnknownError";
    return unknown || /Deserialization error/.test(message ?? "") ? status : undefined;
}

/** An endpoint that answered, but not as AWS does. */
export function notAwsError(endpoint: string, status: number, what: string): EnvironmentError {
    return new EnvironmentError(
        `the AWS endpoint ${endpoint} answered HTTP ${status} with something that is not an ` +
            `AWS answer (${what}); check AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> and the region`,
    );
}

/** The service's error name (`ResourceNotFoundException`, `AccessDeniedException`...). */
export function errorName(error: unknown): string {
    const { name, code } = fields(error);
    return name ?? code ?? "Error";
}

/** Whether the service refused the call for want of a permission. */
function isAccessDenied(error: unknown): boolean {
    return /AccessDenied|NotAuthorized|UnauthorizedOperation|AuthorizationError/i.test(
        errorName(error),
    );
}

/**
 * What to do about a service's refusal. CloudFormation answers a StackSet call with CallAs
 * DELEGATED_ADMIN by "Account used is not a delegated administrator" both when the account is not
 * registered and when the caller lacks organizations:ListDelegatedAdministrators, which
 * CloudFormation calls to check it (terraform-provider-aws#37069, which added that guidance to the
 * provider's error for this reason).
 */
export function fixFor(error: unknown): string {
    if (/not a delegated administrator/i.test(messageOf(error))) {
        return (
            "give the caller organizations:ListDelegatedAdministrators (verify/verify-policy.json " +
            "has it), which CloudFormation needs to check a DELEGATED_ADMIN caller; if it has it, " +
            "register this account from the management account: aws organizations " +
            "register-delegated-administrator --service-principal " +
            "member.org.stacksets.cloudformation.amazonaws.com --account-id <this account>"
        );
    }
    return isAccessDenied(error)
        ? "give the caller the permissions in verify/verify-policy.json"
        : "look into the error above, then run verify again";
}
