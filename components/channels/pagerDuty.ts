import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PAGERDUTY_EVENTS_URL } from "./pagerDutyEvents";
import { eventBridgeRuleTrustPolicy } from "../shared";
import { pagerDutyRolePolicy } from "./policies";

/**
 * PagerDuty accepts 120 events a minute per integration key on the Events API (PagerDuty
 * community, "Monitoring API rate limiting": "Events - 120/min/integration key"), so the
 * destination sends at most 2 a second. EventBridge holds back what is over the rate and retries
 * it under the target's retry policy, 24 hours, rather than flooding PagerDuty into 429s.
 */
export const PAGERDUTY_INVOCATIONS_PER_SECOND = 2;

export interface PagerDutyArgs {
    /** Names of the connection and the API destination. Required. */
    readonly name: string;
    /** A PagerDuty Events API v2 integration key; always handled as a secret. Required. */
    readonly routingKey: pulumi.Input<string>;
    /** ARN patterns (`*` wildcards) of the rules that may assume the role to invoke the destination. Required. */
    readonly ruleArnPatterns: pulumi.Input<readonly string[]>;
    /** The account of those rules. Required. */
    readonly accountId: pulumi.Input<string>;
    /** Tags for the role. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * PagerDuty's Events API v2 as an EventBridge target: a connection that holds the routing key, an
 * API destination, and the role the PagerDuty rules invoke it with.
 */
export class PagerDuty extends pulumi.ComponentResource {
    public readonly apiDestinationArn: pulumi.Output<string>;
    public readonly apiDestinationName: pulumi.Output<string>;
    public readonly connectionName: pulumi.Output<string>;
    public readonly roleArn: pulumi.Output<string>;

    constructor(name: string, args: PagerDutyArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kms-monitoring:channels:PagerDuty", name, {}, opts);

        const routingKey = pulumi.secret(args.routingKey);
        // The Events API takes the key as `routing_key` in the JSON body (PagerDuty Events API v2,
        // "Send an Alert Event"); a connection body parameter is "included in the body", and a
        // secret one is kept in Secrets Manager (EventBridge API reference,
        // ConnectionBodyParameter), so no rule or target holds it. No page says how it merges with
        // an input transformer's JSON body: verify's canary proves it (docs/channels.md). A connection needs an
        // authorization: API key auth sends the same key as an X-Routing-Key header, which
        // PagerDuty's own client sent before it moved to the documented body field
        // (PagerDuty/pdpyras#54, where PagerDuty calls the header internal); the body is what
        // this relies on.
        const connection = new aws.cloudwatch.EventConnection(
            `${name}-connection`,
            {
                name: args.name,
                description: "PagerDuty Events API v2 for the kms-monitoring alerts",
                authorizationType: "API_KEY",
                authParameters: {
                    apiKey: { key: "X-Routing-Key", value: routingKey },
                    invocationHttpParameters: {
                        bodies: [{ key: "routing_key", value: routingKey, isValueSecret: true }],
                    },
                },
            },
            { parent: this },
        );
        const destination = new aws.cloudwatch.EventApiDestination(
            `${name}-destination`,
            {
                name: args.name,
                description: "PagerDuty Events API v2: trigger and resolve kms-monitoring alerts",
                connectionArn: connection.arn,
                invocationEndpoint: PAGERDUTY_EVENTS_URL,
                httpMethod: "POST",
                invocationRateLimitPerSecond: PAGERDUTY_INVOCATIONS_PER_SECOND,
            },
            { parent: this },
        );
        const role = this.createRole(name, args, destination.arn);

        this.apiDestinationArn = destination.arn;
        this.apiDestinationName = destination.name;
        this.connectionName = connection.name;
        this.roleArn = role.arn;
        this.registerOutputs({
            apiDestinationArn: this.apiDestinationArn,
            apiDestinationName: this.apiDestinationName,
            connectionName: this.connectionName,
            roleArn: this.roleArn,
        });
    }

    /** The role the PagerDuty rules invoke the destination with: that destination only. */
    private createRole(
        name: string,
        args: PagerDutyArgs,
        destinationArn: pulumi.Output<string>,
    ): aws.iam.Role {
        const role = new aws.iam.Role(
            `${name}-role`,
            {
                description:
                    "Lets the kms-monitoring PagerDuty rules invoke the PagerDuty destination",
                assumeRolePolicy: pulumi.jsonStringify(
                    pulumi
                        .all([args.accountId, args.ruleArnPatterns])
                        .apply(([accountId, patterns]) =>
                            // EventBridge, only for this stack's rules that invoke PagerDuty, named
                            // by their families (`<prefix>-pagerduty-*`...) rather than one by one:
                            // every rule of two buses can pass a trust policy's size quota.
                            eventBridgeRuleTrustPolicy(accountId, patterns),
                        ),
                ),
                tags: args.tags,
            },
            { parent: this },
        );
        new aws.iam.RolePolicy(
            `${name}-invoke`,
            {
                role: role.name,
                policy: pulumi.jsonStringify(destinationArn.apply(pagerDutyRolePolicy)),
            },
            { parent: this },
        );
        return role;
    }
}
