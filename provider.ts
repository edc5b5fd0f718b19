/**
 * The component package's entry point (package.json "main"; PulumiPlugin.yaml says runtime nodejs).
 * `pulumi package add` runs this directory as a plugin: Pulumi requires this module, finds the
 * ComponentResource classes it exports and hosts them, and its analyzer reads their argument
 * interfaces to write the schema every language's SDK is generated from. It exports the component
 * and nothing else: it must have no side effect (the stack program is index.ts, named by
 * Pulumi.yaml's `main`), and every class exported here is analyzed.
 */
export { KmsMonitoring } from "./components/stack";
