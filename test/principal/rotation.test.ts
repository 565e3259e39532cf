import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { AcrPushPrincipal } from "../../components/principal";
import { installMocks, mockPassword, mockSubscriptionId, promiseOf } from "../support/mocks";

const registryId = `/subscriptions/${mockSubscriptionId}/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/acrhelmtest`;
const passwordType = "azuread:index/applicationPassword:ApplicationPassword";

/** A password as it exists in the stack: child name, the `up` that created it, its end date. */
interface LivePassword {
    name: string;
    createdAt: string;
    endDate: string;
}

/** What one `up` did to the passwords, and what it left. */
interface UpResult {
    created: string[];
    deleted: string[];
    exists: LivePassword[];
    /** Child name of the password whose value `clientSecret` holds. */
    clientSecret: string;
}

/**
 * Runs the program once per time in `ups`, as consecutive `pulumi up`s of one stack. An ApplicationPassword cannot
 * be updated: every input (end date, rotation keys) forces a new one, so a password whose inputs differ from the
 * previous `up` is replaced (the new one created, the old one deleted), as the azuread provider's diff does.
 */
async function runUps(ups: string[]): Promise<UpResult[]> {
    const results: UpResult[] = [];
    let live = new Map<string, { inputs: string; password: LivePassword }>();
    for (const at of ups) {
        const mocks = await installMocks();
        const principal = new AcrPushPrincipal("ci", { registryId, passwordRotationDays: 10, clock: () => new Date(at) });
        const secret = await promiseOf(principal.clientSecret as pulumi.Output<string>);
        await mocks.settled();
        const next = new Map<string, { inputs: string; password: LivePassword }>();
        const created: string[] = [];
        const deleted: string[] = [];
        for (const resource of mocks.ofType(passwordType)) {
            const inputs = JSON.stringify(resource.inputs);
            const before = live.get(resource.name);
            if (before && before.inputs === inputs) {
                next.set(resource.name, before);
                continue;
            }
            if (before) deleted.push(resource.name);
            created.push(resource.name);
            next.set(resource.name, { inputs, password: { name: resource.name, createdAt: at, endDate: resource.inputs.endDate } });
        }
        for (const name of live.keys()) if (!next.has(name)) deleted.push(name);
        live = next;
        const holder = [...live.keys()].find((name) => mockPassword(name) === secret) as string;
        results.push({ created, deleted, exists: [...live.values()].map((entry) => entry.password), clientSecret: holder });
    }
    return results;
}

describe("password rotation with two overlapping passwords (10-day periods)", function () {
    this.timeout(60000);

    // 2026-05-07 starts period 2058 since the epoch (even: `ci-password` is renewed), 05-17 period 2059 (odd: `ci-password-b`).
    it("replaces one password per period, the older, once it expires; the newer has existed a full period", async () => {
        const results = await runUps([
            "2026-05-07T01:00:00Z",
            "2026-05-12T09:00:00Z",
            "2026-05-17T01:00:00Z",
            "2026-05-27T01:00:00Z",
            "2026-06-06T01:00:00Z",
        ]);
        assert.deepStrictEqual(results, [
            {
                created: ["ci-password", "ci-password-b"],
                deleted: [],
                exists: [
                    { name: "ci-password", createdAt: "2026-05-07T01:00:00Z", endDate: "2026-05-27T00:00:00.000Z" },
                    { name: "ci-password-b", createdAt: "2026-05-07T01:00:00Z", endDate: "2026-05-17T00:00:00.000Z" },
                ],
                clientSecret: "ci-password",
            },
            {
                created: [],
                deleted: [],
                exists: [
                    { name: "ci-password", createdAt: "2026-05-07T01:00:00Z", endDate: "2026-05-27T00:00:00.000Z" },
                    { name: "ci-password-b", createdAt: "2026-05-07T01:00:00Z", endDate: "2026-05-17T00:00:00.000Z" },
                ],
                clientSecret: "ci-password",
            },
            {
                created: ["ci-password-b"],
                deleted: ["ci-password-b"],
                exists: [
                    { name: "ci-password", createdAt: "2026-05-07T01:00:00Z", endDate: "2026-05-27T00:00:00.000Z" },
                    { name: "ci-password-b", createdAt: "2026-05-17T01:00:00Z", endDate: "2026-06-06T00:00:00.000Z" },
                ],
                clientSecret: "ci-password-b",
            },
            {
                created: ["ci-password"],
                deleted: ["ci-password"],
                exists: [
                    { name: "ci-password", createdAt: "2026-05-27T01:00:00Z", endDate: "2026-06-16T00:00:00.000Z" },
                    { name: "ci-password-b", createdAt: "2026-05-17T01:00:00Z", endDate: "2026-06-06T00:00:00.000Z" },
                ],
                clientSecret: "ci-password",
            },
            {
                created: ["ci-password-b"],
                deleted: ["ci-password-b"],
                exists: [
                    { name: "ci-password", createdAt: "2026-05-27T01:00:00Z", endDate: "2026-06-16T00:00:00.000Z" },
                    { name: "ci-password-b", createdAt: "2026-06-06T01:00:00Z", endDate: "2026-06-26T00:00:00.000Z" },
                ],
                clientSecret: "ci-password-b",
            },
        ]);
    });

    it("never deletes a password before its end date, and the one handed out outlives the other by a period", async () => {
        const ups = [
            "2026-05-07T01:00:00Z",
            "2026-05-17T01:00:00Z",
            "2026-05-27T01:00:00Z",
            "2026-06-06T01:00:00Z",
            "2026-06-16T01:00:00Z",
        ];
        const results = await runUps(ups);
        results.forEach((result, index) => {
            const now = Date.parse(ups[index]);
            const previous = index > 0 ? results[index - 1].exists : [];
            for (const name of result.deleted) {
                const old = previous.find((p) => p.name === name) as { endDate: string };
                assert.ok(Date.parse(old.endDate) <= now, `${name} deleted at ${ups[index]} only after its end date ${old.endDate}`);
            }
            const handedOut = result.exists.find((p) => p.name === result.clientSecret) as { endDate: string };
            const other = result.exists.find((p) => p.name !== result.clientSecret) as { endDate: string; createdAt: string };
            assert.strictEqual(Date.parse(handedOut.endDate) - Date.parse(other.endDate), 10 * 86400000);
            if (index > 0) assert.ok(now - Date.parse(other.createdAt) >= 10 * 86400000 || result.deleted.length === 0);
        });
    });

    it("after a skipped period replaces both, and only because both have expired", async () => {
        const [, afterGap] = await runUps(["2026-05-07T01:00:00Z", "2026-05-28T01:00:00Z"]);
        assert.deepStrictEqual(afterGap, {
            created: ["ci-password", "ci-password-b"],
            deleted: ["ci-password", "ci-password-b"],
            exists: [
                { name: "ci-password", createdAt: "2026-05-28T01:00:00Z", endDate: "2026-06-16T00:00:00.000Z" },
                { name: "ci-password-b", createdAt: "2026-05-28T01:00:00Z", endDate: "2026-06-06T00:00:00.000Z" },
            ],
            clientSecret: "ci-password",
        });
        // The passwords deleted ended on 05-27 and 05-17, before this up.
    });
});
