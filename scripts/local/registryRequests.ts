import * as http from "http";
import * as https from "https";
import type { TestRegistry } from "./registry";
import { countKinds, requestKind } from "./requestKinds";

const CONTROL_PATH = "/v2/acr-helm-count-control/tags/list";
const REQUEST = /"([A-Z]+) (\/v2\/[^ "]*)[^"]*"/g;

export interface LoggedRequest {
    readonly method: string;
    readonly path: string;
}

/** How long the log must stay unchanged after the control request shows in it before it is read. */
const QUIET_MS = 100;

/**
 * The requests a local registry logs from the moment this is created. Reading them first sends a control request
 * of its own and waits until the registry has logged it, then until the log has been quiet for a moment: a count is
 * never read from a log that lags behind, and a log that stopped working fails loudly instead of reading as
 * "0 requests". The control request is not counted.
 *
 *   const requests = await RegistryRequests.start(registry);   // earlier requests settle first and are left out
 *   ...the work whose requests are claimed...
 *   assert.deepStrictEqual(await requests.settledKinds(), { "base GET": 1, "manifest HEAD": 1 });
 */
export class RegistryRequests {
    private readonly start: number;

    /** Counts from here; requests answered just before may still be logged after. Prefer start(). */
    constructor(private readonly registry: TestRegistry) {
        this.start = registry.output().length;
    }

    /** Counts from once every request answered so far is in the log (a settled control request proves it). */
    static async start(registry: TestRegistry): Promise<RegistryRequests> {
        await new RegistryRequests(registry).settled();
        return new RegistryRequests(registry);
    }

    async settled(): Promise<LoggedRequest[]> {
        const controlsBefore = this.controls();
        await sendControl(this.registry);
        const deadline = Date.now() + 10_000;
        while (this.controls() <= controlsBefore) {
            if (Date.now() > deadline) throw new Error(`registry ${this.registry.host} did not log the control request within 10 s`);
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
        for (let length = -1; length !== this.registry.output().length;) {
            length = this.registry.output().length;
            await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
        }
        return this.logged().filter((request) => request.path !== CONTROL_PATH);
    }

    /** Counts of the settled requests per kind, e.g. { "manifest HEAD": 1 } (see requestKinds.ts). */
    async settledKinds(): Promise<Record<string, number>> {
        return countKinds((await this.settled()).map((request) => requestKind(request.method, request.path)));
    }

    /** Logged requests that write: PUT, POST, PATCH, DELETE. */
    async settledWrites(): Promise<LoggedRequest[]> {
        return (await this.settled()).filter((request) => ["PUT", "POST", "PATCH", "DELETE"].includes(request.method));
    }

    private logged(): LoggedRequest[] {
        return [...this.registry.output().slice(this.start).matchAll(REQUEST)].map(([, method, path]) => ({ method, path }));
    }

    private controls(): number {
        return this.logged().filter((request) => request.path === CONTROL_PATH).length;
    }
}

function sendControl(registry: TestRegistry): Promise<void> {
    const [hostname, port] = registry.host.split(":");
    const options = { hostname, port: Number(port), path: CONTROL_PATH, method: "GET", ca: registry.caCertPem };
    return new Promise((resolve) => {
        const request = (registry.plainHttp ? http : https).request(options, (response) => {
            response.resume();
            response.once("end", () => resolve());
        });
        request.once("error", () => resolve());
        request.end();
    });
}
