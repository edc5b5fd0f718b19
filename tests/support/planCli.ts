/** `npm run plan` in this process: its exit code and what it wrote to stdout and stderr. */
import { runCli } from "../../scripts/plan";

export async function planCli(
    ...argv: string[]
): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const code = await runCli(
        argv,
        (text) => (out += text),
        (text) => (err += text),
    );
    return { code, out, err };
}
