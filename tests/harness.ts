/** The shared mock harness lives beside the plan and bench scripts, which run the program with it too. */
export * from "../scripts/mockRuntime";
