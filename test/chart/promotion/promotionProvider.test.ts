import * as assert from "assert";
import { check, diff } from "../../../provider/resources/promotedChart";
import { UNKNOWN } from "../../../provider/wire";

const DIGEST_A = `sha256:${"a".repeat(64)}`;
const DIGEST_B = `sha256:${"b".repeat(64)}`;

function inputs(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        chart: "hello-acr",
        version: "0.1.0",
        digest: DIGEST_A,
        source: { loginServer: "dev.azurecr.io", repository: "charts" },
        destination: { loginServer: "prod.azurecr.io", repository: "charts" },
        sourceCredentials: { username: "reader", password: "reader-secret" },
        deleteFromRegistryOnDestroy: false,
        ...overrides,
    };
}

/** The state after a promotion of `inputs()`: what diff compares against. */
const state = (overrides: Record<string, unknown> = {}) => ({ ...inputs(), tag: "0.1.0", promotedDigest: DIGEST_A, ...overrides });

describe("ChartPromotion provider: inputs checked and changes found offline", () => {
    it("check accepts good inputs and names the property and the fix for bad ones, without network", async () => {
        assert.deepStrictEqual((await check({}, inputs())).failures, undefined);
        // Helm publishes what its version grammar accepts, so a promotion takes the same: a leading v, two parts.
        for (const version of ["v0.1.0", "1.2"]) {
            const accepted = await check({}, inputs({ version }));
            assert.deepStrictEqual(accepted.failures, undefined, version);
            assert.strictEqual(accepted.inputs.tag, version);
        }
        const cases: [Record<string, unknown>, string, RegExp][] = [
            [{ digest: "sha256:xyz" }, "digest", /give sha256:<64 hex digits>, e\.g\. a ChartPublication's digest output/],
            [{ version: "1.2.3.4" }, "version", /is not a chart version; use the version as Chart.yaml gives it/],
            [{ version: "" }, "version", /is required/],
            [
                { destination: { loginServer: "https://prod.azurecr.io/charts" } },
                "destination.loginServer",
                /is not a registry host; give 'host' or 'host:port' without a path/,
            ],
            [{ source: { loginServer: "dev.azurecr.io", repository: "Charts" } }, "source.namespace", /use lower case/],
            [{ destination: undefined }, "destination", /is required: \{ loginServer, namespace\?, credentials\? \}/],
        ];
        for (const [override, property, reason] of cases) {
            const result = await check({}, inputs(override));
            assert.strictEqual(result.failures?.[0].property, property, JSON.stringify(override));
            assert.match(result.failures![0].reason, reason);
        }
    });

    it("check passes unknown inputs through during preview", async () => {
        const result = await check({}, inputs({ digest: UNKNOWN }));
        assert.strictEqual(result.failures, undefined);
        assert.strictEqual(result.inputs.digest, UNKNOWN);
    });

    it("diff: the promoted digest and version unchanged is no change; a new digest or version is an update; another destination is a replacement", async () => {
        assert.deepStrictEqual(await diff("id", state(), inputs()), { changes: false, replaces: [], deleteBeforeReplace: false });
        assert.strictEqual(
            (await diff("id", state(), inputs({ sourceCredentials: { username: "other", password: "rotated" } }))).changes,
            false,
        );
        assert.strictEqual(
            (await diff("id", state(), inputs({ source: { loginServer: "mirror.azurecr.io", repository: "charts" } }))).changes,
            false,
        );
        assert.deepStrictEqual(await diff("id", state(), inputs({ digest: DIGEST_B })), {
            changes: true,
            replaces: [],
            deleteBeforeReplace: false,
        });
        assert.deepStrictEqual(await diff("id", state(), inputs({ version: "0.2.0", digest: DIGEST_B })), {
            changes: true,
            replaces: [],
            deleteBeforeReplace: false,
        });
        assert.deepStrictEqual(
            (await diff("id", state(), inputs({ destination: { loginServer: "PROD2.azurecr.io", repository: "charts" } }))).replaces,
            ["destination"],
        );
        assert.deepStrictEqual((await diff("id", state(), inputs({ chart: "other" }))).replaces, ["chart"]);
        assert.strictEqual((await diff("id", state(), inputs({ digest: UNKNOWN }))).changes, true);
        assert.strictEqual(
            (await diff("id", state(), inputs({ digest: undefined }))).changes,
            false,
            "unpinned: only a version change is a change",
        );
    });
});
