import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { AwsClients } from "../../verify/clients";
import { main } from "../../verify/main";
import { oneLine } from "./cliRuns";
import { answeringEndpoint, withEnvironment } from "./localServer";
import { outputsFile } from "./runVerify";

describe("verify against an endpoint that is not AWS, in this process", () => {
    const HOME_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "verify-home-"));
    /** Keys that need no look-up, no profile or metadata service, and every call to `url`. */
    const environment = (url: string) => ({
        AWS_ENDPOINT_URL: url,
        AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
        AWS_SECRET_ACCESS_KEY: "not-a-real-secret",
        AWS_SESSION_TOKEN: undefined,
        AWS_PROFILE: undefined,
        AWS_CONFIG_FILE: path.join(HOME_DIR, "config"),
        AWS_SHARED_CREDENTIALS_FILE: path.join(HOME_DIR, "credentials"),
        AWS_EC2_METADATA_DISABLED: "true",
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    });
    const against = async (status: number, body: string) => {
        const endpoint = await answeringEndpoint(status, body);
        try {
            let stdout = "";
            let stderr = "";
            const code = await withEnvironment(environment(endpoint.url), async () =>
                main(["--outputs", await outputsFile("dev")], {
                    io: {
                        out: (text) => (stdout += text),
                        err: (text) => (stderr += text),
                        tty: false,
                    },
                }),
            );
            return { ran: { code, stdout, stderr }, url: endpoint.url };
        } finally {
            await endpoint.close();
        }
    };

    it("says in one line that an answer without an account is not AWS STS, naming the endpoint", async () => {
        const { ran, url } = await against(200, "<html>hello</html>");
        oneLine(
            ran,
            new RegExp(
                `the AWS endpoint ${url} answered HTTP 200 .*GetCallerIdentity without an Account`,
            ),
        );
    });

    it("says in one line that a 404 or a 503 is not an AWS answer, with its status", async () => {
        for (const status of [404, 503]) {
            const { ran, url } = await against(status, status === 404 ? "<html>no</html>" : "");
            oneLine(
                ran,
                new RegExp(
                    `the AWS endpoint ${url} answered HTTP ${status} with something that is not an AWS answer`,
                ),
            );
        }
    });

    it("sends SQS calls to the configured endpoint, not to the queue URL's host", async () => {
        const endpoint = await answeringEndpoint(
            200,
            JSON.stringify({ Attributes: { ApproximateNumberOfMessages: "0" } }),
            "application/x-amz-json-1.0",
        );
        try {
            const answer = await withEnvironment(environment(endpoint.url), () =>
                new AwsClients().sqs("eu-central-1").send(
                    new GetQueueAttributesCommand({
                        QueueUrl:
                            "https://sqs.eu-central-1.amazonaws.com/111122223333/dead-letters",
                        AttributeNames: ["ApproximateNumberOfMessages"],
                    }),
                ),
            );
            assert.deepEqual(answer.Attributes, { ApproximateNumberOfMessages: "0" });
            assert.deepEqual(
                endpoint.received.map((each) => [each.host, each.headers["x-amz-target"]]),
                [[endpoint.url.replace("http://", ""), "AmazonSQS.GetQueueAttributes"]],
            );
        } finally {
            await endpoint.close();
        }
    });
});
