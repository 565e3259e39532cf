import { createHmac } from "crypto";
import * as http from "http";

/** A storage account reached path-style (`http://<host>/<account>`), as Azurite serves it. */
export interface BlobAccount {
    readonly endpoint: string;
    readonly name: string;
    /** Base64 account key; a secret. */
    readonly key: string;
}

export interface BlobReply {
    readonly status: number;
    readonly body: string;
}

const API_VERSION = "2021-08-06";

/** One Blob service request signed with the account key (Shared Key authorization). */
export function blobRequest(account: BlobAccount, method: string, pathAndQuery: string): Promise<BlobReply> {
    const url = new URL(`${account.endpoint}/${account.name}${pathAndQuery}`);
    const headers: Record<string, string> = { "x-ms-date": new Date().toUTCString(), "x-ms-version": API_VERSION };
    headers.Authorization = `SharedKey ${account.name}:${signature(account, method, url, headers)}`;
    return new Promise((resolve, reject) => {
        const req = http.request(url, { method, headers, timeout: 10_000 }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (chunk: Buffer) => chunks.push(chunk));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
            res.on("error", reject);
        });
        req.on("timeout", () => req.destroy(new Error(`${method} ${url.pathname} timed out`)));
        req.on("error", reject);
        req.end();
    });
}

/** The Shared Key string to sign: eleven empty standard headers (no body), the x-ms headers, the resource. */
function signature(account: BlobAccount, method: string, url: URL, headers: Record<string, string>): string {
    const msHeaders = Object.keys(headers)
        .filter((name) => name.startsWith("x-ms-"))
        .sort()
        .map((name) => `${name}:${headers[name]}\n`)
        .join("");
    const query = [...url.searchParams.keys()]
        .sort()
        .map((name) => `\n${name.toLowerCase()}:${url.searchParams.getAll(name).join(",")}`)
        .join("");
    const resource = `/${account.name}${url.pathname}${query}`;
    const toSign = `${method}\n${"\n".repeat(11)}${msHeaders}${resource}`;
    return createHmac("sha256", Buffer.from(account.key, "base64")).update(toSign, "utf8").digest("base64");
}
