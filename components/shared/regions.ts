/**
 * Region codes as AWS writes them: `us-east-1`, `ap-southeast-2`, `us-gov-west-1`, `cn-north-1`,
 * `us-isob-east-1`.
 */
export const REGION_CODE = /^[a-z]{2}(-(gov|iso|isob|isoe|isof))?-[a-z]+-\d{1,2}$/;

/**
 * The partition a region code belongs to. Only the config check uses it, before anything is
 * deployed; every ARN the stack builds takes its partition from the `getPartition` invoke.
 */
export function partitionOfRegion(region: string): string {
    if (region.startsWith("cn-")) {
        return "aws-cn";
    }
    if (region.startsWith("us-gov-")) {
        return "aws-us-gov";
    }
    const isolated = /^[a-z]{2}-(iso[a-z]?)-/.exec(region);
    return isolated ? `aws-${isolated[1]}` : "aws";
}

/**
 * Partitions whose regions EventBridge cannot route events between: "you can now route events
 * between any AWS Regions, except AWS GovCloud (US) and China" (AWS Compute Blog, "Expanding
 * cross-Region event routing with Amazon EventBridge", 2021).
 */
export const PARTITIONS_WITHOUT_CROSS_REGION_ROUTING: readonly string[] = ["aws-us-gov", "aws-cn"];
