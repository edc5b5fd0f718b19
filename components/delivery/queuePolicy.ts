import {
    allowFromEventRules,
    denyInsecureTransport,
    PolicyDocument,
    PolicyStatement,
} from "../shared";

export interface DeadLetterQueuePolicyInputs {
    readonly accountId: string;
    readonly queueArn: string;
    /** ARNs of the EventBridge rules whose targets may send failed events here. */
    readonly eventRuleArns: readonly string[];
}

/**
 * Lets EventBridge put an event it could not deliver into the dead-letter queue, only on behalf of
 * this stack's rules (EventBridge User Guide, "Using dead-letter queues to process undelivered
 * events": the queue policy names the rule ARN as aws:SourceArn).
 */
export function deadLetterQueuePolicyDocument(inputs: DeadLetterQueuePolicyInputs): PolicyDocument {
    const statements: PolicyStatement[] = [];
    if (inputs.eventRuleArns.length > 0) {
        statements.push(
            allowFromEventRules(
                "EventBridgeRulesSendDeadLetters",
                "sqs:SendMessage",
                inputs.queueArn,
                inputs.accountId,
                inputs.eventRuleArns,
            ),
        );
    }
    statements.push(denyInsecureTransport("sqs:*", inputs.queueArn));
    return { Version: "2012-10-17", Statement: statements };
}
