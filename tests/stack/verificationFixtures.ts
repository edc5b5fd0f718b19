/**
 * What the verification output tests read: a shipped stack's plan (built once per stack, by
 * snapshotPlan): its verification output, its outputs and the resources it registers.
 */
import type { VerificationOutput } from "../../components/stack";
import { snapshotPlan } from "../../scripts/snapshots";
import type { RecordedResource } from "../harness";

/** A sorted copy, to compare lists whose order does not matter. */
export const sorted = <T>(values: readonly T[]) => [...values].sort();

/** Resources without a region input are in the provider's region: the home region. */
export const regionOf = (resource: RecordedResource, home: string): string =>
    resource.inputs.region ?? home;

export interface VerifiedStack {
    readonly verification: VerificationOutput;
    readonly outputs: Record<string, unknown>;
    /** The resources of this type the stack registers. */
    readonly byType: (type: string) => RecordedResource[];
}

/** The verification output of a shipped stack, and what its plan registers. */
export async function verifiedStack(stack: string): Promise<VerifiedStack> {
    const plan = await snapshotPlan(stack);
    return {
        verification: plan.outputs.verification as VerificationOutput,
        outputs: plan.outputs,
        byType: (type) => plan.recorded.filter((resource) => resource.type === type),
    };
}
