import { z } from "zod";
import { callerKind } from "../alerts";

/** How every caller may be written; said by every message about one. */
const CALLER_FORMS =
    "an IAM role ARN (arn:aws:iam::<account>:role/<name>, every session of the role), an IAM " +
    "user ARN (arn:aws:iam::<account>:user/<name>) or a 12-digit account ID";

/** An assumed-role session, which names one session only: the role's ARN is what is meant. */
const ASSUMED_ROLE = /^arn:aws[a-z-]*:sts::(\d{12}):assumed-role\/([^/]+)\/.+$/;

/** A `callers` or `exceptCallers` entry. */
function callerSchema() {
    return z.string({ error: `must be ${CALLER_FORMS}` }).superRefine((caller, issue) => {
        if (callerKind(caller) !== undefined) {
            return;
        }
        const session = ASSUMED_ROLE.exec(caller);
        issue.addIssue({
            code: "custom",
            message:
                session === null
                    ? `must be ${CALLER_FORMS}`
                    : `is one session of a role; give the role's ARN, ` +
                      `arn:aws:iam::${session[1]}:role/${session[2]} (with its path, if it has ` +
                      "one), which matches every session",
        });
    });
}

export function callersSchema(leaveOut: string) {
    return z
        .array(callerSchema(), { error: `must be a list of callers, each ${CALLER_FORMS}` })
        .min(1, { error: `must list at least one caller; leave it out ${leaveOut}` })
        .optional();
}

/** CloudTrail's error codes are exception names: letters, digits, and `.`, `_`, `:`, `-` at most. */
const ERROR_CODE = /^(\*|[A-Za-z0-9._:-]+\*?)$/;
const ERROR_CODE_FORMS =
    "an error code (AccessDeniedException), a prefix ending in * (AccessDenied*), or * alone " +
    "for any failed call";

/** `errorCodes`. */
export function errorCodesSchema() {
    const code = z.string({ error: `must be ${ERROR_CODE_FORMS}` }).superRefine((value, issue) => {
        if (!ERROR_CODE.test(value)) {
            issue.addIssue({
                code: "custom",
                message:
                    value === ""
                        ? `must not be empty; give ${ERROR_CODE_FORMS}`
                        : `must be ${ERROR_CODE_FORMS}; * may only end it, and no spaces`,
            });
        }
    });
    return z
        .array(code, { error: `must be a list of error codes, each ${ERROR_CODE_FORMS}` })
        .min(1, {
            error: "must list at least one error code; leave it out to match calls whether they fail or not",
        })
        .optional();
}
