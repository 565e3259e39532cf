import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as path from "path";

/** A plugin download server on 127.0.0.1: the files of one directory, and every path asked for. */
export interface PluginServer {
    readonly url: string;
    readonly requested: string[];
    close(): Promise<void>;
}

export async function servePlugins(dir: string): Promise<PluginServer> {
    const requested: string[] = [];
    const server = http.createServer((request, response) => {
        const name = path.basename(decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname));
        requested.push(name);
        const file = path.join(dir, name);
        if (request.method !== "GET" || !fs.existsSync(file)) {
            response.writeHead(404).end();
            return;
        }
        response.writeHead(200, { "Content-Type": "application/gzip", "Content-Length": fs.statSync(file).size });
        fs.createReadStream(file).pipe(response);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}`,
        requested,
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
}
