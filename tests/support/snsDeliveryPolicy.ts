/** Checks an SNS HTTP/S delivery policy as SNS does when a subscription is given one. */

const BACKOFF_FUNCTIONS = ["arithmetic", "exponential", "geometric", "linear"];
const RETRY_FIELDS = [
    "minDelayTarget",
    "maxDelayTarget",
    "numRetries",
    "numNoDelayRetries",
    "numMinDelayRetries",
    "numMaxDelayRetries",
    "backoffFunction",
];

/**
 * What SNS refuses in an HTTP/S delivery policy (SNS Developer Guide, "Amazon SNS message delivery
 * retries", Creating an HTTP/S delivery policy; "SetSubscriptionAttributes delivery policy JSON
 * format"): whole numbers, minDelayTarget from 1 to maxDelayTarget, maxDelayTarget up to 3,600,
 * numRetries from 0 to 100, the no-delay, pre-backoff and post-backoff retries 0 or more and
 * together at most numRetries (the backoff phase gets the rest), one of the four backoff functions,
 * at least one receive a second, a content type SNS sends, and "the total policy retry time for an
 * HTTP/S endpoint cannot be greater than 3,600 seconds". A retry waits at most maxDelayTarget in the
 * backoff phase, so the sum below is the longest the policy can take.
 */
export function deliveryPolicyProblems(policy: any): string[] {
    const problems: string[] = [];
    const check = (ok: boolean, problem: string) => (ok ? undefined : problems.push(problem));
    const unknown = Object.keys(policy).filter(
        (key) => !["healthyRetryPolicy", "throttlePolicy", "requestPolicy"].includes(key),
    );
    check(unknown.length === 0, `unknown fields ${unknown.join(", ")}`);
    const retry = {
        numNoDelayRetries: 0,
        numMinDelayRetries: 0,
        numMaxDelayRetries: 0,
        ...policy.healthyRetryPolicy,
    };
    check(
        Object.keys(retry).every((key) => RETRY_FIELDS.includes(key)),
        "unknown retry fields",
    );
    for (const field of RETRY_FIELDS.filter((name) => name !== "backoffFunction")) {
        check(Number.isInteger(retry[field]) && retry[field] >= 0, `${field} is a whole number`);
    }
    const { minDelayTarget: min, maxDelayTarget: max, numRetries } = retry;
    check(min >= 1 && min <= max, "minDelayTarget is from 1 to maxDelayTarget");
    check(max <= 3600, "maxDelayTarget is at most 3,600");
    check(numRetries <= 100, "numRetries is at most 100");
    const backoffRetries =
        numRetries - retry.numNoDelayRetries - retry.numMinDelayRetries - retry.numMaxDelayRetries;
    check(backoffRetries >= 0, "the phases' retries are at most numRetries");
    check(BACKOFF_FUNCTIONS.includes(retry.backoffFunction), "backoffFunction is one of four");
    const longest =
        retry.numMinDelayRetries * min + (backoffRetries + retry.numMaxDelayRetries) * max;
    check(longest <= 3600, `retries take up to ${longest} seconds, over 3,600`);
    const perSecond = policy.throttlePolicy?.maxReceivesPerSecond;
    check(
        perSecond === undefined || (Number.isInteger(perSecond) && perSecond >= 1),
        "maxReceivesPerSecond is 1 or more",
    );
    const contentType = policy.requestPolicy?.headerContentType;
    check(
        contentType === undefined ||
            /^(text\/plain|application\/json|application\/xml)(;.*)?$/.test(contentType),
        "headerContentType is text/plain, application/json or application/xml",
    );
    return problems;
}
