import * as pulumi from "@pulumi/pulumi";
import { eventRuleName } from "../shared";
import { apiCallEventPattern, apiCallRuleState } from "./eventPatterns";
import { apiCallAlertTransformer } from "./alertMessages";
import { AlertDeliveryArgs, createTopicRule } from "./topicRule";
import type { OwnTopicCalls } from "./ownTopicCalls";

export interface ApiCallAlertSpec {
    /** Short name, unique within the component; the rule is `<ruleNamePrefix>-<name>`. */
    readonly name: string;
    /** KMS operations that trigger the alert. */
    readonly eventNames: string[];
    /** When non-empty, only calls on these key ARNs match. Default: any key. */
    readonly keyArns?: string[];
    /**
     * Only calls that failed with one of these error codes (`detail.errorCode`): a trailing `*`
     * matches a prefix (`AccessDenied*`), `*` alone any failed call. Default: successful and failed
     * calls alike.
     */
    readonly errorCodes?: string[];
    /**
     * Only calls by these principals: an IAM role ARN (every session of the role), an IAM user ARN,
     * or a 12-digit account ID. Not with `exceptCallers`. Default: anyone.
     */
    readonly callers?: string[];
    /** Only calls by anyone but these principals, in the forms of `callers`. Default: nobody excepted. */
    readonly exceptCallers?: string[];
}

/** The two rules a stack gets when `apiCallAlerts` is not set. */
export const DEFAULT_API_CALL_ALERTS: readonly ApiCallAlertSpec[] = [
    // The workshop's rule.
    { name: "data-key-generation", eventNames: ["GenerateDataKey"] },
    // CIS AWS Foundations 3.7/4.7 (Security Hub CloudWatch.7) alerts on DisableKey and
    // ScheduleKeyDeletion; the rest are the other calls that can make a key unusable or change who may use it.
    {
        name: "key-management",
        eventNames: [
            "DisableKey",
            "ScheduleKeyDeletion",
            "CancelKeyDeletion",
            "DeleteImportedKeyMaterial",
            "ImportKeyMaterial",
            "PutKeyPolicy",
            "DisableKeyRotation",
            // Each makes every key of a custom key store unusable (disconnect, delete) or can
            // point the store at other key material (update).
            "DisconnectCustomKeyStore",
            "UpdateCustomKeyStore",
            "DeleteCustomKeyStore",
        ],
    },
];

export interface ApiCallAlertsArgs extends AlertDeliveryArgs {
    /** One rule per entry. A plain list, because it decides which resources exist. Required. */
    readonly alerts: readonly ApiCallAlertSpec[];
    /** Prefix of every rule name, e.g. `kms-monitoring-dev`. Required. */
    readonly ruleNamePrefix: string;
    /**
     * The KMS calls SNS makes for the stack's own topics, which the rules on GenerateDataKey* and
     * Decrypt leave out (ownTopicCalls.ts). Default: none left out.
     */
    readonly ownTopicCalls?: OwnTopicCalls;
}

/** EventBridge rules on KMS API calls that CloudTrail delivers, each targeting the alert topic. */
export class ApiCallAlerts extends pulumi.ComponentResource {
    public readonly ruleNames: pulumi.Output<string[]>;
    public readonly ruleArns: pulumi.Output<string[]>;

    constructor(name: string, args: ApiCallAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kms-monitoring:alerts:ApiCallAlerts", name, {}, opts);

        const rules = args.alerts.map((alert) =>
            createTopicRule(
                this,
                `${name}-${alert.name}`,
                {
                    ruleName: eventRuleName(args.ruleNamePrefix, alert.name),
                    description: `KMS API calls: ${alert.eventNames.join(", ")}`.slice(0, 512),
                    eventPattern: apiCallEventPattern(
                        alert.eventNames,
                        alert.keyArns ?? [],
                        alert,
                        args.ownTopicCalls,
                    ),
                    state: apiCallRuleState(alert.eventNames),
                    kind: "api-call",
                    inputTransformer:
                        (args.readableAlerts ?? true) ? apiCallAlertTransformer() : undefined,
                },
                args,
            ),
        );

        this.ruleNames = pulumi.all(rules.map((rule) => rule.name));
        this.ruleArns = pulumi.all(rules.map((rule) => rule.arn));
        this.registerOutputs({ ruleNames: this.ruleNames, ruleArns: this.ruleArns });
    }
}
