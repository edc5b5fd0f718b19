/**
 * `npm run schema`: the component package's schema, exactly as `pulumi package add` would make it,
 * computed in this process by Pulumi's own ComponentProvider (its analyzer reads KmsMonitoring's
 * argument interfaces through provider.ts); no CLI needed.
 */
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { KmsMonitoring } from "../components/stack";
import { REPO_ROOT } from "./mockRuntime";

let provider: ComponentProvider | undefined;

/**
 * The provider other languages talk to (the package name is package.json's, the component
 * provider.ts's), one per process: it analyses the sources once, which type-checks the project.
 */
export function componentProvider(): ComponentProvider {
    provider ??= new ComponentProvider({
        name: "kms-monitoring",
        dirname: REPO_ROOT,
        components: [KmsMonitoring],
    });
    return provider;
}

/** The schema as JSON text. */
export function packageSchema(): Promise<string> {
    return componentProvider().getSchema();
}

if (require.main === module) {
    packageSchema().then(
        (text) => process.stdout.write(JSON.stringify(JSON.parse(text), null, 2) + "\n"),
        (error: unknown) => {
            process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
            process.exitCode = 1;
        },
    );
}
