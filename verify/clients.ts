import type { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import type { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import type { KMSClient } from "@aws-sdk/client-kms";
import type { OrganizationsClient } from "@aws-sdk/client-organizations";
import type { SNSClient } from "@aws-sdk/client-sns";
import type { SQSClient } from "@aws-sdk/client-sqs";
import type { STSClient } from "@aws-sdk/client-sts";

/**
 * The AWS SDK for JavaScript v3 clients verify uses, one per service and region, each with the
 * SDK's default credential chain and environment: AWS_PROFILE, SSO, AWS_REGION, and
 * AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> (AWS SDKs and Tools Reference Guide,
 * "Service-specific endpoints"). verify signs and sends nothing itself.
 */

/**
 * Per service: the SDK package and client class, and the part of AWS_ENDPOINT_URL_<SERVICE> that
 * names it: the SDK's service ID in upper case, `_` for spaces.
 */
const SERVICES = {
    cloudformation: ["@aws-sdk/client-cloudformation", "CloudFormationClient", "CLOUDFORMATION"],
    cloudtrail: ["@aws-sdk/client-cloudtrail", "CloudTrailClient", "CLOUDTRAIL"],
    cloudwatch: ["@aws-sdk/client-cloudwatch", "CloudWatchClient", "CLOUDWATCH"],
    logs: ["@aws-sdk/client-cloudwatch-logs", "CloudWatchLogsClient", "CLOUDWATCH_LOGS"],
    events: ["@aws-sdk/client-eventbridge", "EventBridgeClient", "EVENTBRIDGE"],
    kms: ["@aws-sdk/client-kms", "KMSClient", "KMS"],
    organizations: ["@aws-sdk/client-organizations", "OrganizationsClient", "ORGANIZATIONS"],
    sns: ["@aws-sdk/client-sns", "SNSClient", "SNS"],
    sqs: ["@aws-sdk/client-sqs", "SQSClient", "SQS"],
    sts: ["@aws-sdk/client-sts", "STSClient", "STS"],
} as const;

export type Service = keyof typeof SERVICES;

/**
 * How long one call may take. Without a request handler the SDK waits for an answer forever: an
 * endpoint that accepts the connection and never answers would hang verify. The shorthand
 * `requestHandler: { connectionTimeout, requestTimeout }` is the SDK's (Developer Guide, "Configure
 * maxSockets in Node.js": the shorthand syntax since v3.521.0). Since @smithy/node-http-handler
 * 4.4.0 an exceeded requestTimeout only logs a warning unless throwOnRequestTimeout is set
 * (node-http-handler's setRequestTimeout in node_modules: "[WARN] ... Init client requestHandler
 * with throwOnRequestTimeout=true to turn this into an error"); with it the call fails with a
 * TimeoutError, which the standard retry mode retries: MAX_ATTEMPTS attempts in all, then exit 2.
 */
interface HttpTimeouts {
    readonly connectionTimeoutMs: number;
    readonly requestTimeoutMs: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;
const CONNECTION_TIMEOUT_MS = 5_000;
/** The SDK's standard retry mode's own default, set so that no AWS_MAX_ATTEMPTS makes a wait longer. */
const MAX_ATTEMPTS = 3;

export function httpTimeouts(requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS): HttpTimeouts {
    return {
        connectionTimeoutMs: Math.min(CONNECTION_TIMEOUT_MS, requestTimeoutMs),
        requestTimeoutMs,
    };
}

/** The settings every client is made with, besides its region (and SQS's own). */
function clientSettings(timeouts: HttpTimeouts) {
    return {
        maxAttempts: MAX_ATTEMPTS,
        requestHandler: {
            connectionTimeout: timeouts.connectionTimeoutMs,
            requestTimeout: timeouts.requestTimeoutMs,
            throwOnRequestTimeout: true,
        },
    };
}

/** The endpoint a call goes to, as the user configured it, for messages. */
export function endpointOf(service: Service, region: string): string {
    return (
        process.env[`AWS_ENDPOINT_URL_${SERVICES[service][2]}`] ??
        process.env.AWS_ENDPOINT_URL ??
        `the ${service} endpoint of ${region}`
    );
}

export class AwsClients {
    private readonly clients = new Map<string, unknown>();

    constructor(private readonly timeouts: HttpTimeouts = httpTimeouts()) {
        // The AWS SDK for JavaScript v3 warns on Node.js 20 that its releases after the first week
        // of January 2027 need Node.js 22, in the middle of verify's output; the variable it
        // documents for that turns the warning off (aws/aws-sdk-js-v3#7983). The lockfile pins SDK
        // versions that support Node.js 20. Each client reads it as it is made (@aws-sdk/core's
        // emitWarningIfUnsupportedVersion, from the client's getRuntimeConfig).
        process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    }

    /**
     * The service's client for the region, made once. Its package loads on first use (require, so
     * that the accessors stay synchronous): a check that stops early loads no other.
     */
    private client<T>(service: Service, region: string, options: object = {}): T {
        const key = `${service} ${region}`;
        if (!this.clients.has(key)) {
            const [packageName, className] = SERVICES[service];
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const Client = require(packageName)[className] as new (config: object) => T;
            this.clients.set(
                key,
                new Client({ region, ...clientSettings(this.timeouts), ...options }),
            );
        }
        return this.clients.get(key) as T;
    }

    cloudFormation = (region: string) =>
        this.client<CloudFormationClient>("cloudformation", region);
    cloudTrail = (region: string) => this.client<CloudTrailClient>("cloudtrail", region);
    cloudWatch = (region: string) => this.client<CloudWatchClient>("cloudwatch", region);
    logs = (region: string) => this.client<CloudWatchLogsClient>("logs", region);
    events = (region: string) => this.client<EventBridgeClient>("events", region);
    kms = (region: string) => this.client<KMSClient>("kms", region);
    /** Organizations is global; the SDK resolves the partition's one endpoint from any region. */
    organizations = (region: string) => this.client<OrganizationsClient>("organizations", region);
    sns = (region: string) => this.client<SNSClient>("sns", region);
    /**
     * The SQS client would send a call that names a QueueUrl to that URL's host, even with an
     * endpoint configured, unless useQueueUrlAsEndpoint is false (@aws-sdk/middleware-sdk-sqs,
     * queueUrlMiddleware). The client is made for the queue's own region, whose endpoint is the
     * queue's, and with AWS_ENDPOINT_URL every call must go to the configured endpoint.
     */
    sqs = (region: string) =>
        this.client<SQSClient>("sqs", region, { useQueueUrlAsEndpoint: false });
    sts = (region: string) => this.client<STSClient>("sts", region);
}
