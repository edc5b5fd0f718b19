/** The audit part of a stack, deployed under the mock runtime. */
import { KmsMonitoring } from "../../components/stack";
import { installMocks, Recorder, settle } from "../harness";

/** A stack with this audit trail, and any other arguments. */
export async function deploy(
    auditTrail: ConstructorParameters<typeof KmsMonitoring>[1]["auditTrail"],
    extra: Partial<ConstructorParameters<typeof KmsMonitoring>[1]> = {},
): Promise<Recorder> {
    const recorder = await installMocks();
    new KmsMonitoring("kms-monitoring", {
        namePrefix: "kms-monitoring-dev",
        alertEmails: ["a@example.com"],
        auditTrail,
        tags: { stack: "dev" },
        ...extra,
    });
    await settle(recorder);
    return recorder;
}
