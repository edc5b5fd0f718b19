/** The tree view `npm run plan` prints: resources under their parents, totals, alert channels, warnings. */
import type { RecordedResource } from "./mockRuntime";
import type { Plan } from "./plan";
import { costLines } from "./planCost";
import { summary } from "./planSummary";

/** Where alerts go: email, chat, PagerDuty, webhooks; never a secret. */
function alertChannels(plan: Plan): string[] {
    const recorded = plan.recorded;
    const of = (type: string) => recorded.filter((resource) => resource.type === type);
    const subscriptions = of("aws:sns/topicSubscription:TopicSubscription");
    const chat = [
        ...of("aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration"),
        ...of("aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration"),
    ].map(
        (resource) =>
            `${resource.inputs.configurationName} [${resource.inputs.region ?? plan.homeRegion}]`,
    );
    const pagerDuty = of("aws:cloudwatch/eventApiDestination:EventApiDestination");
    const count = (protocol: string) =>
        subscriptions.filter((each) => each.inputs.protocol === protocol).length;
    return [
        "Alert channels:",
        `  email       ${count("email")} address(es)`,
        `  chat        ${chat.length === 0 ? "none" : chat.join(", ")}`,
        `  PagerDuty   ${pagerDuty.length === 0 ? "none" : pagerDuty.map((each) => each.inputs.name).join(", ")}`,
        `  webhooks    ${count("https")} endpoint(s), URLs hidden`,
    ];
}

export function planTree(plan: Plan): string {
    // What AWS is asked to create: the custom resources, and awsx's (remote components under mocks).
    const counted = plan.recorded.filter((each) => each.custom || each.type.startsWith("awsx:"));
    const totals = countBy(counted, (resource) => resource.type);
    const width = Math.max(...[...totals.keys()].map((type) => type.length));
    const lines = [
        `Stack ${plan.stack}`,
        ...treeLines(plan),
        "",
        "Resources by type:",
        ...[...totals]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([type, count]) => `  ${type.padEnd(width)}  ${count}`),
        `  ${"total".padEnd(width)}  ${[...totals.values()].reduce((sum, count) => sum + count, 0)}`,
        ...regionLines(plan, counted, width),
        "",
        ...alertChannels(plan),
    ];
    if (plan.warnings.length > 0) {
        lines.push("", "Warnings:", ...plan.warnings.map((warning) => `  ${warning}`));
    }
    lines.push("", ...costLines(plan.cost));
    return lines.join("\n") + "\n";
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const item of items) {
        counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
    }
    return counts;
}

/** Each resource under its parent, with its region when it has one and a summary of its inputs. */
function treeLines(plan: Plan): string[] {
    const children = new Map<string | undefined, RecordedResource[]>();
    const urns = new Set(plan.recorded.map((resource) => resource.urn));
    for (const resource of plan.recorded) {
        const parent = resource.parent && urns.has(resource.parent) ? resource.parent : undefined;
        children.set(parent, [...(children.get(parent) ?? []), resource]);
    }
    const lines: string[] = [];
    const walk = (parent: string | undefined, indent: string) => {
        const list = children.get(parent) ?? [];
        list.forEach((resource, index) => {
            const last = index === list.length - 1;
            const detail = summary(resource, plan.recorded);
            const region =
                resource.inputs.region === undefined ? "" : `  [${resource.inputs.region}]`;
            lines.push(
                `${indent}${last ? "└─ " : "├─ "}${resource.type}  ${resource.name}${region}${detail ? `  (${detail})` : ""}`,
            );
            walk(resource.urn, indent + (last ? "   " : "│  "));
        });
    };
    walk(undefined, "");
    return lines;
}

/** The counts by region, when the stack spans more than one. */
function regionLines(plan: Plan, counted: readonly RecordedResource[], width: number): string[] {
    // Resources without a region input are in the provider's (home) region; IAM is global.
    const byRegion = countBy(counted, (resource) =>
        resource.type.startsWith("aws:iam/")
            ? "global (IAM)"
            : ((resource.inputs.region as string | undefined) ?? `${plan.homeRegion} (home)`),
    );
    if (byRegion.size <= 1) {
        return [];
    }
    return [
        "",
        "Resources by region:",
        ...[...byRegion].map(([region, count]) => `  ${region.padEnd(width)}  ${count}`),
    ];
}
