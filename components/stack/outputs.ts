import * as pulumi from "@pulumi/pulumi";
import type { EmailSubscription } from "../alerts";
import type { ChannelsOutput } from "./channels";
import type { MonitoringDashboard } from "../dashboard";
import { concatenated, StackContext } from "./context";
import type { HomeRegion } from "./homeRegion";
import type { OrganizationParts } from "./organization";
import type { OtherRegions, RegionForwardingOutput } from "./otherRegions";
import { watchedRegions } from "./plan";
import { buildVerification } from "./verification";
import { alarmGroups, alarmList } from "./verificationAlarms";
import type { VerificationOutput } from "./verificationTypes";

/** What the stack tells the user to do after `pulumi up`; `channels` are the other channels. */
export function nextStepsText(
    subscriptions: readonly EmailSubscription[],
    channels?: Omit<ChannelsOutput, "ruleNames">,
): string {
    const pendingWebhooks = (channels?.webhooks ?? [])
        .filter((webhook) => webhook.pendingConfirmation)
        .map((webhook) => `webhooks[${webhook.index}]`);
    const webhooks =
        pendingWebhooks.length === 0
            ? ""
            : ` The endpoints of ${pendingWebhooks.join(", ")} have not confirmed their SNS ` +
              "subscription yet: each must fetch the SubscribeURL SNS sent it.";
    return emailStepsText(subscriptions, channels !== undefined) + webhooks;
}

function emailStepsText(subscriptions: readonly EmailSubscription[], channels: boolean): string {
    if (subscriptions.length === 0) {
        return channels
            ? "No email address is subscribed; alerts go to the configured alert channels only."
            : "No one is subscribed: set kms-monitoring:alertEmails and run pulumi up, or alerts reach nobody.";
    }
    const pending = subscriptions
        .filter((subscription) => subscription.pendingConfirmation)
        .map((subscription) => subscription.email);
    if (pending.length === 0) {
        return "All email subscriptions are confirmed.";
    }
    return (
        `Confirm the SNS subscription sent to ${pending.join(", ")}: open the "AWS ` +
        `Notification - Subscription Confirmation" ` +
        "email and choose Confirm subscription. Until then no alert reaches that address."
    );
}

/** The stack's outputs: an interface users and scripts rely on, so each keeps its name and shape. */
export interface MonitoringOutputs {
    readonly topicArn: pulumi.Output<string>;
    readonly importedKeyId?: pulumi.Output<string>;
    readonly importedKeyArn?: pulumi.Output<string>;
    readonly ruleNames: pulumi.Output<string[]>;
    readonly alarmNames: pulumi.Output<string[]>;
    readonly nextSteps: pulumi.Output<string>;
    readonly emailSubscriptions: pulumi.Output<EmailSubscription[]>;
    readonly alertKeyArn?: pulumi.Output<string>;
    readonly deadLetterQueueUrl?: pulumi.Output<string>;
    readonly dashboardUrl?: pulumi.Output<string>;
    readonly auditLogGroupName?: pulumi.Output<string>;
    readonly watchedRegions: pulumi.Output<string[]>;
    readonly forwarding: pulumi.Output<Record<string, RegionForwardingOutput>>;
    readonly organizationBusArn?: pulumi.Output<string>;
    readonly stackSetName?: pulumi.Output<string>;
    readonly stackSetInstanceRegions?: pulumi.Output<string[]>;
    readonly linkStackSetName?: pulumi.Output<string>;
    readonly observabilitySinkArns?: pulumi.Output<Record<string, string>>;
    readonly centralDashboardUrl?: pulumi.Output<string>;
    readonly channels: pulumi.Output<ChannelsOutput>;
    readonly verification: pulumi.Output<VerificationOutput>;
}

/** The parts the outputs are read from. */
export interface StackParts {
    readonly home: HomeRegion;
    readonly otherRegions?: OtherRegions;
    readonly organization?: OrganizationParts;
    readonly dashboard?: MonitoringDashboard;
}

/** Every alarm of the stack, in every region: home, other regions, organization. */
export function allAlarmArns(parts: Omit<StackParts, "dashboard">): pulumi.Output<string[]> {
    return alarmList(alarmGroups(parts), (group) => group.arns);
}

export function buildOutputs(ctx: StackContext, parts: StackParts): MonitoringOutputs {
    const { plan, environment } = ctx;
    const { home, otherRegions, organization, dashboard } = parts;
    return {
        topicArn: home.topic.topicArn,
        importedKeyId: home.importedKey?.keyId,
        importedKeyArn: home.importedKey?.keyArn,
        ruleNames: home.ruleNames,
        alarmNames: alarmList(alarmGroups(parts), (group) => group.names),
        nextSteps: pulumi
            .all([home.topic.subscriptions, home.channels?.output])
            .apply(([subscriptions, channels]) => nextStepsText(subscriptions, channels)),
        emailSubscriptions: home.topic.subscriptions,
        alertKeyArn: home.topic.keyArn,
        deadLetterQueueUrl: home.deadLetters?.queueUrl,
        dashboardUrl: dashboard?.url,
        auditLogGroupName: home.audit?.logGroupName,
        watchedRegions: environment.apply((env) => watchedRegions(plan, env.region)),
        forwarding:
            otherRegions?.byRegion ?? pulumi.output<Record<string, RegionForwardingOutput>>({}),
        organizationBusArn: organization?.busArn,
        stackSetName: organization?.stackSetName,
        stackSetInstanceRegions: organization?.instanceRegions,
        linkStackSetName: organization?.linkStackSetName,
        observabilitySinkArns: organization?.sinkArns,
        centralDashboardUrl: organization?.centralDashboardUrl,
        channels: channelsOutput(parts),
        verification: buildVerification(ctx, parts),
    };
}

/** What the channels are, with the rules that deliver to them only; empty without a channel. */
function channelsOutput({ home, organization }: StackParts): pulumi.Output<ChannelsOutput> {
    return pulumi
        .all([
            home.channels?.output ?? { chat: [], webhooks: [] },
            concatenated(home.channelRuleNames, organization?.channelRuleNames),
        ])
        .apply(([channels, ruleNames]) => ({ ...channels, ruleNames }));
}
