import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { chartOf, registryCredentialsOf } from "../../stacks/app/config";

describe("stacks/app config: one charts entry", () => {
    it("makes a relative chart path absolute from the project directory, where Pulumi.yaml is (the program runs in dist/)", () => {
        const chart = chartOf({ path: "../../charts/hello-acr" }, 0, "team-a", "/repo/stacks/app");
        assert.deepStrictEqual(chart, {
            path: "/repo/charts/hello-acr",
            namespace: "helm",
            releaseName: "hello-acr",
            releaseNamespace: "team-a",
        });
    });

    it("keeps an absolute path, and names the release after a .tgz without its extension", () => {
        const chart = chartOf({ path: "/charts/api-1.2.0.tgz", namespace: "team-a" }, 0, "team-a", "/repo/stacks/app");
        assert.deepStrictEqual([chart.path, chart.namespace, chart.releaseName], ["/charts/api-1.2.0.tgz", "team-a", "api-1.2.0"]);
    });

    it("refuses an entry without a path, naming the entry and an example", () => {
        assert.throws(
            () => chartOf({ namespace: "team-a" }, 2, "team-a", "/repo"),
            /config charts\[2\]\.path is missing: .*\{"path": "charts\/my-app"\}/,
        );
    });

    describe("registry credentials instead of the platform's push identity", () => {
        const configOf = (values: Record<string, string>) => ({
            get: (key: string) => values[key],
            getSecret: (key: string) => (values[key] === undefined ? undefined : pulumi.secret(values[key])),
        });

        it("none given: the platform's are used", () => {
            assert.strictEqual(registryCredentialsOf(configOf({})), undefined);
        });

        it("both given: the password stays a secret", async () => {
            const credentials = registryCredentialsOf(configOf({ registryUsername: "pr-reader", registryPassword: "reader-pa55" }));
            assert.strictEqual(credentials?.username, "pr-reader");
            assert.strictEqual(await pulumi.isSecret(credentials.password), true);
        });

        it("only one of the two is refused, naming both keys and never the password", () => {
            assert.throws(
                () => registryCredentialsOf(configOf({ registryUsername: "pr-reader" })),
                /registryUsername and registryPassword go together/,
            );
            assert.throws(
                () => registryCredentialsOf(configOf({ registryPassword: "reader-pa55" })),
                (error: Error) => /go together/.test(error.message) && !error.message.includes("reader-pa55"),
            );
        });
    });
});
