import type {
    AdvancedEventSelector,
    AdvancedFieldSelector,
    EventSelector,
} from "@aws-sdk/client-cloudtrail";

/**
 * Which KMS management events a trail's selectors record, read and write. Classic selectors can
 * drop them with ExcludeManagementEventSources ("kms.amazonaws.com": CloudTrail User Guide,
 * "Logging management events", which names KMS as the event source to exclude for volume) or
 * with ReadWriteType; advanced selectors with the eventCategory, readOnly and eventSource fields
 * (CloudTrail API reference, AdvancedFieldSelector). Selectors are ORed: an event is recorded when
 * one of them records it.
 */

const KMS_EVENT_SOURCE = "kms.amazonaws.com";

export interface Coverage {
    readonly read: boolean;
    readonly write: boolean;
    /** Whether a selector records management events but leaves KMS out. */
    readonly excludesKms: boolean;
}

function classicCoverage(selector: EventSelector): Coverage {
    if (selector.IncludeManagementEvents === false) {
        return { read: false, write: false, excludesKms: false };
    }
    if ((selector.ExcludeManagementEventSources ?? []).includes(KMS_EVENT_SOURCE)) {
        return { read: false, write: false, excludesKms: true };
    }
    const type = selector.ReadWriteType ?? "All";
    return { read: type !== "WriteOnly", write: type !== "ReadOnly", excludesKms: false };
}

/** Whether one advanced field selector lets the value through. */
function fieldAllows(field: AdvancedFieldSelector | undefined, value: string): boolean {
    if (field === undefined) {
        return true;
    }
    const any = (list: string[] | undefined, test: (entry: string) => boolean) =>
        (list ?? []).some(test);
    if (field.Equals !== undefined && !field.Equals.includes(value)) return false;
    if (
        field.StartsWith !== undefined &&
        !any(field.StartsWith, (entry) => value.startsWith(entry))
    )
        return false;
    if (field.EndsWith !== undefined && !any(field.EndsWith, (entry) => value.endsWith(entry)))
        return false;
    return !(
        any(field.NotEquals, (entry) => entry === value) ||
        any(field.NotStartsWith, (entry) => value.startsWith(entry)) ||
        any(field.NotEndsWith, (entry) => value.endsWith(entry))
    );
}

function advancedCoverage(selector: AdvancedEventSelector): Coverage {
    const field = (name: string) =>
        (selector.FieldSelectors ?? []).find((each) => each.Field === name);
    if (!fieldAllows(field("eventCategory"), "Management") || !field("eventCategory")) {
        return { read: false, write: false, excludesKms: false };
    }
    if (!fieldAllows(field("eventSource"), KMS_EVENT_SOURCE)) {
        return { read: false, write: false, excludesKms: true };
    }
    const readOnly = field("readOnly");
    return {
        read: fieldAllows(readOnly, "true"),
        write: fieldAllows(readOnly, "false"),
        excludesKms: false,
    };
}

export function selectorCoverage(
    classic: readonly EventSelector[] | undefined,
    advanced: readonly AdvancedEventSelector[] | undefined,
): Coverage {
    const each = [
        ...(classic ?? []).map(classicCoverage),
        ...(advanced ?? []).map(advancedCoverage),
    ];
    const read = each.some((coverage) => coverage.read);
    const write = each.some((coverage) => coverage.write);
    return {
        read,
        write,
        excludesKms: !read && !write && each.some((coverage) => coverage.excludesKms),
    };
}
