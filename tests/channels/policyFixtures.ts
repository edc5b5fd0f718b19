/** The account, rules, topic and role the channel policy tests evaluate requests against. */
import { Principal, Request } from "../../verify/policyEvaluator";

export const ACCOUNT = "111122223333";
export const OTHER_ACCOUNT = "444455556666";
export const ENV = { accountId: ACCOUNT, partition: "aws", region: "us-east-1" };
export const RULE = `arn:aws:events:us-east-1:${ACCOUNT}:rule/kms-monitoring-prod-alarms-firing`;
export const OTHER_STACK_RULE = `arn:aws:events:us-east-1:${ACCOUNT}:rule/other-stack-alarms-firing`;
export const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:kms-monitoring-chat-topic`;
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/kms-monitoring-chat-role`;

export function request(
    principal: Principal,
    action: string,
    resource: string,
    context: Record<string, string> = {},
): Request {
    return { principal, action, resource, context: { "aws:SecureTransport": "true", ...context } };
}

export const events: Principal = { type: "Service", id: "events.amazonaws.com" };
