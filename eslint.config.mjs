import pulumi from "@pulumi/eslint-plugin";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["node_modules/", "bin/"] },
    ...tseslint.configs.recommended,
    {
        files: ["**/*.ts"],
        languageOptions: {
            parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
        },
        plugins: { "@pulumi": pulumi },
        rules: {
            "@pulumi/no-output-in-template-literal": "error",
            "@pulumi/no-output-instance-in-template-literal": "error",
            // Dropping keys with a rest pattern (const { a, ...rest } = x) is how an object loses fields without mutation.
            "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
        },
    },
    {
        // Tests and the plan read back the untyped property bags the engine receives.
        files: ["tests/**/*.ts", "scripts/**/*.ts"],
        rules: { "@typescript-eslint/no-explicit-any": "off" },
    },
);
