import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { auditQueries } from "./auditQueries";

export interface SavedQueriesArgs {
    /** Log group holding the CloudTrail events. Required. */
    readonly logGroupName: pulumi.Input<string>;
    /** Folder the queries are filed under in Logs Insights, e.g. `kms-monitoring-dev`. Required. */
    readonly folder: string;
    /** ARN of the key the per-key query starts with. Default: an example ARN to replace. */
    readonly keyArn?: pulumi.Input<string>;
}

/** The workshop's audit questions as saved CloudWatch Logs Insights queries on the trail's log group. */
export class SavedQueries extends pulumi.ComponentResource {
    public readonly queryNames: pulumi.Output<string[]>;

    constructor(name: string, args: SavedQueriesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kms-monitoring:audit:SavedQueries", name, {}, opts);

        const texts = pulumi
            .output(args.keyArn)
            .apply((keyArn) => auditQueries(keyArn).map((each) => each.query));
        const definitions = auditQueries().map(
            (each, index) =>
                new aws.cloudwatch.QueryDefinition(
                    `${name}-${index}`,
                    {
                        // A slash files the query under a folder in the Logs Insights console.
                        name: `${args.folder}/${each.name}`,
                        logGroupNames: [args.logGroupName],
                        queryString: texts.apply((all) => all[index]),
                    },
                    { parent: this },
                ),
        );

        this.queryNames = pulumi.all(definitions.map((definition) => definition.name));
        this.registerOutputs({ queryNames: this.queryNames });
    }
}
