import * as assert from "assert";
import { stringify } from "yaml";
import { clusterAccess, KubeconfigError } from "../../components/release/cluster/kubeconfigAccess";

const CA = "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n";
const b64 = (text: string) => Buffer.from(text).toString("base64");

function kubeconfig(user: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
    return stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [
            { name: "other", cluster: { server: "https://other:6443" } },
            { name: "aks", cluster: { server: "https://aks.example:443/", "certificate-authority-data": b64(CA) } },
        ],
        users: [{ name: "clusterUser", user }],
        contexts: [
            { name: "first", context: { cluster: "other", user: "clusterUser" } },
            { name: "aks", context: { cluster: "aks", user: "clusterUser" } },
        ],
        "current-context": "aks",
        ...extra,
    });
}

describe("kubeconfig access", () => {
    it("reads the current context's server, CA and client certificate", () => {
        const access = clusterAccess(kubeconfig({ "client-certificate-data": b64("CERT"), "client-key-data": b64("KEY") }));
        assert.deepStrictEqual(
            [access.server, access.caPem, access.clientCertPem, access.clientKeyPem, access.token, access.insecureSkipTlsVerify],
            ["https://aks.example:443", CA, "CERT", "KEY", undefined, false],
        );
    });

    it("reads a bearer token and an exec credential plugin (kubelogin)", () => {
        assert.strictEqual(clusterAccess(kubeconfig({ token: "t0k3n" })).token, "t0k3n");
        const exec = clusterAccess(
            kubeconfig({
                exec: {
                    apiVersion: "client.authentication.k8s.io/v1beta1",
                    command: "kubelogin",
                    args: ["get-token", "--login", "azurecli"],
                    env: [{ name: "A", value: "b" }],
                },
            }),
        ).exec;
        assert.deepStrictEqual(exec, { command: "kubelogin", args: ["get-token", "--login", "azurecli"], env: { A: "b" } });
    });

    it("uses the first context when current-context is not set", () => {
        assert.strictEqual(clusterAccess(kubeconfig({ token: "x" }, { "current-context": undefined })).server, "https://other:6443");
    });

    it("refuses a kubeconfig it cannot use, naming what is wrong and never the credential", () => {
        const cases: [string, RegExp][] = [
            ["{not yaml", /not valid YAML or JSON/],
            ["", /is empty/],
            [kubeconfig({ token: "s3cret-token" }, { "current-context": "missing" }), /no context named "missing"/],
            [kubeconfig({ token: "s3cret-token" }, { users: [] }), /names user "clusterUser", which is not in users/],
            [kubeconfig({ token: "s3cret-token", exec: { args: [] } }), /exec has no command/],
            [kubeconfig({ "client-certificate": "/no/such/file" }), /names the file \/no\/such\/file/],
        ];
        for (const [text, expected] of cases) {
            assert.throws(
                () => clusterAccess(text),
                (error: Error) =>
                    error instanceof KubeconfigError && expected.test(error.message) && !error.message.includes("s3cret-token"),
                String(expected),
            );
        }
    });
});
