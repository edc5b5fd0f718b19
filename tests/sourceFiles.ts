/** The source folders the layout and size checks read, and their files. */
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "./harness";

export const COMPONENTS = path.join(REPO_ROOT, "components");
/** The verify command: outside the program, held to the same sizes. */
export const VERIFY = path.join(REPO_ROOT, "verify");

/** The files under `dir` whose names end with one of `extensions`, at any depth. */
export function sourceFiles(dir: string, extensions: readonly string[] = [".ts"]): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            return sourceFiles(full, extensions);
        }
        return extensions.some((extension) => entry.name.endsWith(extension)) ? [full] : [];
    });
}
