import * as http from "http";
import * as net from "net";

/** One request a local endpoint received. */
export interface Received {
    readonly host: string;
    readonly url: string;
    readonly headers: http.IncomingHttpHeaders;
}

/** A local HTTP endpoint that gives every request the same answer, and records what it got. */
export async function answeringEndpoint(
    status: number,
    body: string,
    contentType = "text/html",
): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
    const received: Received[] = [];
    const server = http.createServer((request, response) => {
        request.resume();
        request.on("end", () => {
            received.push({
                host: request.headers.host ?? "",
                url: request.url ?? "",
                headers: request.headers,
            });
            response.writeHead(status, { "content-type": contentType });
            response.end(body);
        });
    });
    const port = await listen(server);
    return {
        url: `http://127.0.0.1:${port}`,
        received,
        close: () => new Promise((resolve) => server.close(() => resolve())),
    };
}

/** A local TCP endpoint that accepts every connection and never answers. */
export async function silentEndpoint(): Promise<{ url: string; close: () => Promise<void> }> {
    const sockets: net.Socket[] = [];
    const server = net.createServer((socket) => {
        sockets.push(socket);
        socket.on("error", () => undefined);
    });
    const port = await listen(server);
    return {
        url: `http://127.0.0.1:${port}`,
        close: () =>
            new Promise((resolve) => {
                sockets.forEach((socket) => socket.destroy());
                server.close(() => resolve());
            }),
    };
}

function listen(server: net.Server): Promise<number> {
    return new Promise((resolve) =>
        server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)),
    );
}

/** Runs `run` with these environment variables set (undefined: unset), then puts them back. */
export async function withEnvironment<T>(
    variables: Record<string, string | undefined>,
    run: () => Promise<T>,
): Promise<T> {
    const saved = Object.fromEntries(Object.keys(variables).map((key) => [key, process.env[key]]));
    const assign = (values: Record<string, string | undefined>) => {
        for (const [key, value] of Object.entries(values)) {
            if (value === undefined) delete process.env[key];
            else process.env[key] = value;
        }
    };
    assign(variables);
    try {
        return await run();
    } finally {
        assign(saved);
    }
}
