import { strict as assert } from "assert";
import { eventAlertTransformer } from "../../components/alerts/eventAlertMessages";
import { chatTransformer, pagerDutyTransformer } from "../../components/channels";
import { renderJsonTransformer, renderTransformer } from "../support/inputTransformerRenderer";
import * as samples from "../../verify/samples";
import * as misuse from "../../verify/misuseSamples";
import { RULE } from "./sampleAlerts";

/** The email, chat and PagerDuty texts of a call on a key pending deletion. */
function texts(event: object) {
    const chat = JSON.parse(
        renderJsonTransformer(chatTransformer("pending-deletion"), event, RULE),
    );
    const page = JSON.parse(
        renderJsonTransformer(
            pagerDutyTransformer("pending-deletion", "trigger", "critical"),
            event,
            RULE,
        ),
    );
    return {
        email: renderTransformer(eventAlertTransformer("pending-deletion"), event, RULE),
        chat,
        page,
    };
}

/** What a POSIX shell makes of `$(echo '...' | cut -d' ' -f1)` in a rendered command. */
function keyOfCommand(command: string): string | undefined {
    return /\$\(echo '([^']*)' \| cut -d' ' -f1\)/.exec(command)?.[1].split(" ")[0];
}

describe("the alerts on a key pending deletion name the key the error names", () => {
    // The destination key, the second of resources, is the one pending deletion.
    const event = misuse.pendingDeletionReEncryptEvent;
    const { email, chat, page } = texts(event);

    it("in the headline of every channel, never the source key of a ReEncrypt", () => {
        const pending = `${samples.OTHER_KEY_ARN} is pending deletion.`;
        assert.ok(email.split("\n")[0].includes(pending), email.split("\n")[0]);
        assert.ok(chat.content.title.includes(pending), chat.content.title);
        assert.ok(page.payload.summary.includes(pending), page.payload.summary);
        for (const text of [email, JSON.stringify(chat), JSON.stringify(page)]) {
            assert.ok(!text.includes(samples.KEY_ARN), "the source key is not named");
        }
    });

    it("in the commands that cancel the deletion and enable the key", () => {
        const commands = [
            ...email
                .split("\n")
                .filter((line) => /aws kms (cancel-key-deletion|enable-key)/.test(line)),
            ...chat.content.nextSteps.filter((step: string) => step.includes("aws kms")),
            ...String(page.payload.custom_details.whatToDo).split(", then "),
        ];
        assert.equal(commands.length, 6);
        for (const command of commands) {
            assert.match(
                command,
                /aws kms (cancel-key-deletion|enable-key) --region us-east-1 --key-id /,
            );
            assert.equal(keyOfCommand(command), samples.OTHER_KEY_ARN, command);
        }
    });

    it("and the caller when CloudTrail records no ARN: an AWS service, another account", () => {
        for (const [identity, named] of [
            [misuse.AWS_SERVICE, ["AWSService", "workmail.eu-west-1.amazonaws.com"]],
            [misuse.otherAccount("444455556666"), ["AWSAccount", "444455556666"]],
            [misuse.iamUser(misuse.ALICE_ARN), ["IAMUser", misuse.ALICE_ARN]],
        ] as const) {
            const of = texts(misuse.calledBy(misuse.pendingDeletionDecryptEvent, identity));
            const headline = of.email.split("\n")[0];
            for (const part of named) {
                assert.ok(headline.includes(part), `${part} in ${headline}`);
                assert.ok(of.chat.content.description.includes(part), `${part} in chat`);
                assert.ok(of.page.payload.custom_details.caller.includes(part), `${part} paged`);
            }
        }
    });
});
