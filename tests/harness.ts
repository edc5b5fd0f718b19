/** The shared mock harness lives beside the plan and bench scripts, which run the program with it too. */
export * from "../scripts/mockRuntime";

/** A validTo `days` after `from`, in the whole-second UTC form the config requires. */
export function validToAfter(days: number, from: Date = new Date()): string {
    return new Date(from.getTime() + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
