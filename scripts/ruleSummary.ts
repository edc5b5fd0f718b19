/** `npm run plan`'s summary of an EventBridge rule: what it matches, and how it narrows calls. */
import type { RecordedResource } from "./mockRuntime";

export function eventRuleSummary(resource: RecordedResource): string {
    const inputs = resource.inputs;
    if (inputs.scheduleExpression !== undefined) {
        return `${inputs.name}: ${inputs.scheduleExpression}; state ${inputs.state}`;
    }
    const pattern = JSON.parse(inputs.eventPattern) as {
        "detail-type": string[];
        resources?: string[];
        detail?: Detail;
    };
    const detail = pattern.detail;
    // A detail that names the operation or the error is one branch; its own `$or` leaves out the
    // stack's own topic calls (components/alerts/eventPatterns.ts, callBranches).
    const single =
        detail !== undefined &&
        (detail.eventName !== undefined ||
            detail.errorMessage !== undefined ||
            detail.$or === undefined);
    const branches = detail === undefined ? [] : single ? [detail] : (detail.$or ?? []);
    const events = [
        ...new Set(
            branches.flatMap((branch) =>
                (branch.eventName ?? []).map((name) =>
                    typeof name === "string" ? name : "any other operation",
                ),
            ),
        ),
    ];
    const alarms = detail?.alarmName
        ? [
              `${pattern["detail-type"].join(", ")} of ${detail.alarmName.length === 1 ? detail.alarmName[0] : `${detail.alarmName.length} alarms`}`,
          ]
        : undefined;
    const matched = events.length > 0 ? events : (alarms ?? pattern["detail-type"]);
    const narrowed = [...new Set(branches.flatMap(callFilters))];
    const filters = narrowed.length > 0 ? ` (${narrowed.join("; ")})` : "";
    return `${inputs.name}: ${matched.join(", ")}${filters}; state ${inputs.state}`;
}

type Detail = {
    eventName?: unknown[];
    alarmName?: string[];
    errorCode?: unknown[];
    errorMessage?: { suffix?: string }[];
    userIdentity?: Record<string, unknown>;
    requestParameters?: Record<string, unknown>;
    $or?: Detail[];
};

/** How a branch of a KMS call pattern narrows the calls: failures, callers. */
function callFilters(branch: Detail): string[] {
    const codes = (branch.errorCode ?? []).map((code) => {
        const matcher = code as { prefix?: string; exists?: boolean };
        return typeof code === "string"
            ? code
            : matcher.prefix !== undefined
              ? `${matcher.prefix}*`
              : "any error code";
    });
    const message = branch.errorMessage?.[0]?.suffix;
    const callers = JSON.stringify(branch.userIdentity ?? {});
    return [
        ...(codes.length > 0 ? [`failed with ${codes.join(", ")}`] : []),
        ...(message === undefined ? [] : [`failed with "...${message}"`]),
        ...(branch.userIdentity === undefined
            ? []
            : [callers.includes("anything-but") ? "except some callers" : "only some callers"]),
        ...((branch.$or ?? []).some((each) => each.requestParameters !== undefined)
            ? ["not SNS's own calls for the stack's topics"]
            : []),
    ];
}
