import type { DeliveryFailure } from "./deliveryFailures";

/** `busRole` tells apart a rule of the same name on a custom bus, e.g. `org`. */
export function failedInvocationsAlarmName(ruleName: string, busRole?: string): string {
    return busRole === undefined
        ? `${ruleName}-failed-invocations`
        : `${ruleName}-${busRole}-failed-invocations`;
}

/** A custom event bus the watched rules are on. */
export interface WatchedBus {
    /** The bus's name, the `EventBusName` dimension of its rules' metrics. */
    readonly name: string;
    /** A short word for it in alarm names, e.g. `org`. */
    readonly role: string;
}

export function deadLettersAlarmName(alarmNamePrefix: string): string {
    return `${alarmNamePrefix}-dead-letters`;
}

/** A topic or queue of an alert channel, with the word for it in its alarm's name, e.g. `chat`. */
export interface ChannelWatch<S> {
    readonly role: string;
    /** Its name, the TopicName or QueueName dimension. */
    readonly subject: S;
}

/** What to watch; `S` is how a topic or queue is named: an Input for alarms, anything for their names. */
export interface WatchSpec<S> {
    readonly alarmNamePrefix: string;
    readonly eventBus?: WatchedBus;
    readonly topic?: S;
    readonly ruleNames?: readonly string[];
    /** Those of `ruleNames` that deliver to the chat and webhook topics too; their alarms say so. */
    readonly channelTargetRuleNames?: readonly string[];
    readonly forwardingRuleNames?: readonly string[];
    readonly loggingRuleNames?: readonly string[];
    readonly channelRuleNames?: readonly string[];
    readonly deadLetterQueue?: S;
    readonly channelTopics?: readonly ChannelWatch<S>[];
    readonly channelQueues?: readonly ChannelWatch<S>[];
}

/** One delivery path to watch: its alarm's name, what can fail, and what fails (a rule, topic or queue). */
export interface WatchedDelivery<S> {
    readonly alarmName: string;
    readonly failure: DeliveryFailure;
    readonly subject: S | string;
}

/** Every delivery path the spec names, each with the alarm that watches it. */
export function watchedDeliveries<S>(spec: WatchSpec<S>): WatchedDelivery<S>[] {
    const prefix = spec.alarmNamePrefix;
    const rules = (failure: DeliveryFailure, ruleNames: readonly string[] = []) =>
        ruleNames.map((ruleName) => ({
            alarmName: failedInvocationsAlarmName(ruleName, spec.eventBus?.role),
            failure:
                failure === "failed-invocations" &&
                (spec.channelTargetRuleNames ?? []).includes(ruleName)
                    ? ("failed-alert-delivery" as const)
                    : failure,
            subject: ruleName,
        }));
    const channels = (
        failure: DeliveryFailure,
        suffix: string,
        watches: readonly ChannelWatch<S>[] = [],
    ) =>
        watches.map(({ role, subject }) => ({
            alarmName: `${prefix}-${role}-${suffix}`,
            failure,
            subject,
        }));
    return [
        ...(spec.topic === undefined
            ? []
            : [
                  {
                      alarmName: `${prefix}-sns-failed-notifications`,
                      failure: "failed-notifications" as const,
                      subject: spec.topic,
                  },
              ]),
        ...rules("failed-invocations", spec.ruleNames),
        ...rules("failed-forwarding", spec.forwardingRuleNames),
        ...rules("failed-logging", spec.loggingRuleNames),
        ...(spec.deadLetterQueue === undefined
            ? []
            : [
                  {
                      alarmName: deadLettersAlarmName(prefix),
                      failure: "dead-letters" as const,
                      subject: spec.deadLetterQueue,
                  },
              ]),
        ...rules("failed-channel-delivery", spec.channelRuleNames),
        ...channels("failed-channel-notifications", "failed-notifications", spec.channelTopics),
        ...channels("channel-dead-letters", "dead-letters", spec.channelQueues),
    ];
}

/**
 * The names of the alarms DeliveryAlarms creates for a spec, before anything exists: the alarm
 * rules of the alert channels list them. Only whether a topic or queue is watched matters here.
 */
export function deliveryAlarmNames(spec: WatchSpec<unknown>): string[] {
    return watchedDeliveries(spec).map((watched) => watched.alarmName);
}
