/** Each partition's own AWS Management Console; an unknown partition gets the commercial one. */
const CONSOLE_HOSTS: Readonly<Record<string, string>> = {
    aws: "console.aws.amazon.com",
    "aws-cn": "console.amazonaws.cn",
    "aws-us-gov": "console.amazonaws-us-gov.com",
};

export function consoleHost(partition: string): string {
    return CONSOLE_HOSTS[partition] ?? CONSOLE_HOSTS.aws;
}

/** The partition an ARN names: `arn:<partition>:...`. */
export function partitionOfArn(arn: string): string {
    return arn.split(":")[1] ?? "aws";
}
