import { EventPattern } from "../alerts";
import { capacityAlarmNames } from "../alarms";
import { ForwardingPlan, forwardingPlan } from "../forwarding";
import { partitionOfArn } from "../shared";
import { CloudFormationTemplate, MemberTemplateInputs } from "./memberNames";
import {
    deliveryAlarmResources,
    expiringKeysAlarmResource,
    keyStoreAlarmResources,
    requestQuotaAlarmResources,
} from "./memberAlarms";
import {
    deadLetterQueueResources,
    forwardingRoleResource,
    forwardingRuleResources,
} from "./memberResources";

/** The member's forwarding plan: the same one a remote region of the central account gets. */
export function memberForwardingPlan(inputs: MemberTemplateInputs): ForwardingPlan {
    const names = capacityAlarmNames(inputs.memberPrefix, {
        requestQuotaAlarms: inputs.quotaWarningPercent !== undefined,
        discoverExpiringKeys: inputs.discoverExpiringKeys,
        customKeyStoreAlarms: inputs.customKeyStoreAlarms,
    });
    return forwardingPlan(inputs.memberPrefix, {
        apiCalls: inputs.apiCalls,
        eventAlerts: inputs.eventAlerts,
        alarmNames: [...names.requestQuotas],
        contributorAlarmNames: [...names.expiringKeys, ...names.keyStores],
        deadLetterQueue: inputs.deadLetterQueue,
        selfMonitoring: inputs.selfMonitoring,
        destination: "the organization's central bus",
    });
}

/** Every source and detail-type the member rules forward, for the bus policy. */
export function forwardedEvents(plan: ForwardingPlan): {
    sources: string[];
    detailTypes: string[];
} {
    const patterns = plan.rules
        .map((rule) => rule.eventPattern)
        .filter((pattern): pattern is EventPattern => pattern !== undefined);
    const scheduled = plan.rules.some((rule) => rule.scheduleExpression !== undefined);
    return {
        sources: [
            ...new Set([
                ...patterns.flatMap((pattern) => pattern.source),
                ...(scheduled ? ["aws.events"] : []),
            ]),
        ],
        detailTypes: [
            ...new Set([
                ...patterns.flatMap((pattern) => pattern["detail-type"]),
                ...(scheduled ? ["Scheduled Event"] : []),
            ]),
        ],
    };
}

/**
 * The CloudFormation template the forwarders' StackSet deploys to every member account and region:
 * the same forwarding rules, role policy, queue policy, alarm settings and query as the central
 * account's own remote regions, built by the same functions, with the member's account, region and
 * partition as pseudo parameters. Every forwarder targets `centralBusArn`, the organization bus,
 * directly. No observability link: that has a StackSet of its own (memberLinkTemplate), so that a
 * link that fails cannot roll the forwarders back. `plan` is the member forwarding plan of
 * `inputs`, when the caller has it already.
 */
export function memberTemplate(
    inputs: MemberTemplateInputs,
    centralBusArn: string,
    plan: ForwardingPlan = memberForwardingPlan(inputs),
): CloudFormationTemplate {
    return {
        AWSTemplateFormatVersion: "2010-09-09",
        Description:
            `KMS monitoring forwarders of ${inputs.memberPrefix}: KMS events, alarms and a ` +
            `heartbeat to the organization bus`,
        Resources: {
            ...forwardingRoleResource(inputs, plan, centralBusArn),
            ...(inputs.deadLetterQueue ? deadLetterQueueResources(inputs, plan) : {}),
            ...forwardingRuleResources(inputs, plan, centralBusArn),
            ...(inputs.selfMonitoring ? deliveryAlarmResources(inputs, plan) : {}),
            ...(inputs.discoverExpiringKeys ? expiringKeysAlarmResource(inputs) : {}),
            ...(inputs.quotaWarningPercent === undefined
                ? {}
                : // An organization lies in one partition: the central bus's.
                  requestQuotaAlarmResources(
                      inputs,
                      inputs.quotaWarningPercent,
                      partitionOfArn(centralBusArn),
                  )),
            ...(inputs.customKeyStoreAlarms ? keyStoreAlarmResources(inputs) : {}),
        },
    };
}
