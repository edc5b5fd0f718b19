import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { DEFAULT_DELETION_WINDOW_DAYS } from "../shared";

/** ImportKeyMaterial accepts a ValidTo at most 365 days after the request (KMS API reference). */
export const MAX_VALID_TO_DAYS = 365;

export interface ImportedKeyArgs {
    /** Alias to create, `alias/<name>`, not under `alias/aws/`. Required. */
    readonly alias: pulumi.Input<string>;
    /** Key description. Default: a description naming the stack's purpose. */
    readonly description?: pulumi.Input<string>;
    /** RFC 3339 time when the imported material expires, at most 365 days ahead. Default: never expires. */
    readonly validTo?: pulumi.Input<string>;
    /** Days between `pulumi destroy` and the key's deletion, 7 to 30. Default: 30. */
    readonly deletionWindowInDays?: pulumi.Input<number>;
    /**
     * Base64 of the 32-byte key material, as a Pulumi secret. Default: generated with
     * `@pulumi/random` and kept only, encrypted, in the stack's state.
     */
    readonly keyMaterialBase64?: pulumi.Input<string>;
    /**
     * Set Pulumi's `protect` on the key and its material, so `pulumi destroy` refuses to delete
     * them. Default: false.
     */
    readonly protect?: boolean;
    /** Tags for the key. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * A symmetric KMS key with origin EXTERNAL, its imported 256-bit material and its alias.
 * Deleting it only schedules deletion after the deletion window; KMS has no immediate delete.
 */
export class ImportedKey extends pulumi.ComponentResource {
    public readonly keyId: pulumi.Output<string>;
    public readonly keyArn: pulumi.Output<string>;
    public readonly aliasName: pulumi.Output<string>;

    constructor(name: string, args: ImportedKeyArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kms-monitoring:keys:ImportedKey", name, {}, opts);

        const protect = args.protect ?? false;

        // Replacing the material would replace the key (KMS never accepts different material
        // for a key), so the generated material is protected together with the key.
        const material =
            args.keyMaterialBase64 ??
            new random.RandomBytes(`${name}-material`, { length: 32 }, { parent: this, protect })
                .base64;

        const key = new aws.kms.ExternalKey(
            `${name}-key`,
            {
                description:
                    args.description ??
                    "Symmetric key with imported (EXTERNAL) key material, monitored by kms-monitoring",
                keyMaterialBase64: pulumi.secret(material),
                validTo: args.validTo,
                deletionWindowInDays: args.deletionWindowInDays ?? DEFAULT_DELETION_WINDOW_DAYS,
                tags: args.tags,
            },
            { parent: this, protect, additionalSecretOutputs: ["keyMaterialBase64"] },
        );

        const alias = new aws.kms.Alias(
            `${name}-alias`,
            { name: args.alias, targetKeyId: key.id },
            { parent: this },
        );

        this.keyId = key.id;
        this.keyArn = key.arn;
        this.aliasName = alias.name;
        this.registerOutputs({ keyId: this.keyId, keyArn: this.keyArn, aliasName: this.aliasName });
    }
}
