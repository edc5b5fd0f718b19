/** The shared mock harness lives beside the plan and bench scripts, which run the program with it too. */
import {
    ACCOUNT_ID,
    installMocks,
    PARTITION,
    Recorder,
    REGION,
    settle,
} from "../scripts/mockRuntime";

export * from "../scripts/mockRuntime";

/** The account, partition and region the mocks answer with by default. */
export const TEST_ENV = { accountId: ACCOUNT_ID, partition: PARTITION, region: REGION };
export const TEST_TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT_ID}:alerts`;

/** Installs fresh mocks, creates the resources, and returns the record once registration settles. */
export async function build(
    create: () => void,
    options: Parameters<typeof installMocks>[0] = {},
): Promise<Recorder> {
    const recorder = await installMocks(options);
    create();
    await settle(recorder);
    return recorder;
}
