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

/** The service part of AWS_ENDPOINT_URL_<SERVICE>: the SDK's service ID in upper case, `_` for spaces. */
const ENDPOINT_SUFFIX = {
    cloudformation: "CLOUDFORMATION",
    cloudtrail: "CLOUDTRAIL",
    cloudwatch: "CLOUDWATCH",
    logs: "CLOUDWATCH_LOGS",
    events: "EVENTBRIDGE",
    kms: "KMS",
    organizations: "ORGANIZATIONS",
    sns: "SNS",
    sqs: "SQS",
    sts: "STS",
} as const;

export type Service = keyof typeof ENDPOINT_SUFFIX;

/** The endpoint a call goes to, as the user configured it, for messages. */
export function endpointOf(service: Service, region: string): string {
    return (
        process.env[`AWS_ENDPOINT_URL_${ENDPOINT_SUFFIX[service]}`] ??
        process.env.AWS_ENDPOINT_URL ??
        `the ${service} endpoint of ${region}`
    );
}

export class AwsClients {
    private readonly clients = new Map<string, unknown>();

    private client<T>(service: Service, region: string, create: () => T): T {
        const key = `${service} ${region}`;
        if (!this.clients.has(key)) {
            this.clients.set(key, create());
        }
        return this.clients.get(key) as T;
    }

    // Each client package loads on first use (require, so that the call stays synchronous): a
    // check that stops early loads no other.
    /* eslint-disable @typescript-eslint/no-require-imports */
    cloudFormation = (region: string): CloudFormationClient =>
        this.client("cloudformation", region, () => {
            const { CloudFormationClient } = require("@aws-sdk/client-cloudformation");
            return new CloudFormationClient({ region });
        });
    cloudTrail = (region: string): CloudTrailClient =>
        this.client("cloudtrail", region, () => {
            const { CloudTrailClient } = require("@aws-sdk/client-cloudtrail");
            return new CloudTrailClient({ region });
        });
    cloudWatch = (region: string): CloudWatchClient =>
        this.client("cloudwatch", region, () => {
            const { CloudWatchClient } = require("@aws-sdk/client-cloudwatch");
            return new CloudWatchClient({ region });
        });
    logs = (region: string): CloudWatchLogsClient =>
        this.client("logs", region, () => {
            const { CloudWatchLogsClient } = require("@aws-sdk/client-cloudwatch-logs");
            return new CloudWatchLogsClient({ region });
        });
    events = (region: string): EventBridgeClient =>
        this.client("events", region, () => {
            const { EventBridgeClient } = require("@aws-sdk/client-eventbridge");
            return new EventBridgeClient({ region });
        });
    kms = (region: string): KMSClient =>
        this.client("kms", region, () => {
            const { KMSClient } = require("@aws-sdk/client-kms");
            return new KMSClient({ region });
        });
    /** Organizations is global; the SDK resolves the partition's one endpoint from any region. */
    organizations = (region: string): OrganizationsClient =>
        this.client("organizations", region, () => {
            const { OrganizationsClient } = require("@aws-sdk/client-organizations");
            return new OrganizationsClient({ region });
        });
    sns = (region: string): SNSClient =>
        this.client("sns", region, () => {
            const { SNSClient } = require("@aws-sdk/client-sns");
            return new SNSClient({ region });
        });
    /**
     * The SQS client would send a call that names a QueueUrl to that URL's host, even with an
     * endpoint configured, unless useQueueUrlAsEndpoint is false (@aws-sdk/middleware-sdk-sqs,
     * queueUrlMiddleware). The client is made for the queue's own region, whose endpoint is the
     * queue's, and with AWS_ENDPOINT_URL every call must go to the configured endpoint.
     */
    sqs = (region: string): SQSClient =>
        this.client("sqs", region, () => {
            const { SQSClient } = require("@aws-sdk/client-sqs");
            return new SQSClient({ region, useQueueUrlAsEndpoint: false });
        });
    sts = (region: string): STSClient =>
        this.client("sts", region, () => {
            const { STSClient } = require("@aws-sdk/client-sts");
            return new STSClient({ region });
        });
    /* eslint-enable @typescript-eslint/no-require-imports */
}
