import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { decodeInputs } from "../../../provider/contract/decode";
import { PackageSpec } from "../../../provider/contract/schemaSpec";
import { UNKNOWN } from "../../../provider/wire";
import { repoRoot } from "../../support/paths";

const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, "provider", "schema.json"), "utf8")) as PackageSpec;
const PUBLICATION = "acr-helm:index:ChartPublication";
const SECRET = "s3cret-Passw0rd";

function publication(extra: Record<string, unknown>) {
    return decodeInputs(schema, PUBLICATION, { chartPath: "charts/hello-acr", loginServer: "myregistry.azurecr.io", ...extra });
}

function failures(extra: Record<string, unknown>): string[] {
    return publication(extra).failures.map(({ property, reason }) => `${property}: ${reason}`);
}

describe("inputs checked against the schema (the contract)", () => {
    it("names a misspelled credential kind, the kinds there are, and the near miss", () => {
        assert.deepStrictEqual(failures({ credentials: { kind: "Basic", username: "ci", password: SECRET } }), [
            'credentials.kind: expected one of "basic", "refreshToken", "aadAccessToken", "azure", "anonymous" (got "Basic"); did you mean "basic"?',
        ]);
    });

    it("refuses basic credentials without a password, kind basic being the default", () => {
        assert.deepStrictEqual(failures({ credentials: { username: "ci" } }), [
            'credentials.password: is required when credentials.kind is "basic"; set it, or choose another kind ("refreshToken", "aadAccessToken", "azure", "anonymous")',
        ]);
    });

    it("asks each kind for what it needs: a refresh token for refreshToken, nothing for azure", () => {
        assert.deepStrictEqual(
            failures({ credentials: { kind: "refreshToken" } }).map((failure) => failure.split(":")[0]),
            ["credentials.refreshToken"],
        );
        assert.deepStrictEqual(failures({ credentials: { kind: "azure", tenantId: "t" } }), []);
    });

    it("refuses a property the type does not have, naming those it has", () => {
        assert.deepStrictEqual(failures({ credentials: { username: "ci", password: SECRET, pasword: SECRET } }), [
            'credentials.pasword: is not a property here; expected one of "kind", "username", "password", "refreshToken", "accessToken", "tenantId"',
        ]);
    });

    it("reports every failure at once, with its property path, and never a value of a secret", () => {
        const found = failures({
            chartPath: undefined,
            allowOverwrite: "yes",
            annotations: { "org.example.team": 7 },
            provenance: "git",
            credentials: { username: "ci", password: 12345 },
        });
        assert.deepStrictEqual(found, [
            "chartPath: is required: chart directory or packaged .tgz. Relative paths resolve against the program's directory.",
            "credentials.password: expected a string (got an integer)",
            'annotations["org.example.team"]: expected a string (got an integer)',
            "provenance: expected a boolean or an object (ExplicitProvenance) (got a string)",
            "allowOverwrite: expected a boolean (got a string)",
        ]);
        assert.ok(!found.join("\n").includes("12345"));
    });

    it("applies the schema's defaults to what the program left out", () => {
        const { inputs, failures } = publication({ credentials: { username: "ci", password: SECRET } });
        assert.deepStrictEqual(failures, []);
        assert.deepStrictEqual(
            { ...inputs, credentials: undefined },
            {
                chartPath: "charts/hello-acr",
                loginServer: "myregistry.azurecr.io",
                namespace: "helm",
                provenance: true,
                allowOverwrite: false,
                deleteFromRegistryOnDestroy: false,
                retainOnDelete: false,
                plainHttp: false,
                credentials: undefined,
            },
        );
        assert.strictEqual((inputs.credentials as { kind: string }).kind, "basic");
    });

    it("moves the former name repository to namespace, also past a default a generated SDK filled in", () => {
        assert.strictEqual(publication({ repository: "charts" }).inputs.namespace, "charts");
        assert.strictEqual(publication({ repository: "charts", namespace: "helm" }).inputs.namespace, "charts");
        assert.strictEqual(publication({ repository: "charts" }).inputs.repository, undefined);
        assert.deepStrictEqual(failures({ repository: "charts", namespace: "apps" }), [
            'namespace: "apps" and its former name repository "charts" disagree; set only namespace',
        ]);
    });

    it("lets values not known yet through: a preview checks them once they are known", () => {
        const { inputs, failures } = publication({ loginServer: UNKNOWN, credentials: { kind: UNKNOWN, password: UNKNOWN } });
        assert.deepStrictEqual(failures, []);
        assert.strictEqual(inputs.loginServer, UNKNOWN);
    });

    it("checks the other resources by the same contract: a release guard's timeout is a number", () => {
        const guard = decodeInputs(schema, "acr-helm:index:ReleaseGuard", {
            kubeconfig: "apiVersion: v1",
            namespace: "apps",
            releaseName: "hello",
            recoverPendingRelease: false,
            pendingTimeout: "300",
        });
        assert.deepStrictEqual(guard.failures, [{ property: "pendingTimeout", reason: "expected a number (got a string)" }]);
        const download = decodeInputs(schema, "acr-helm:index:ChartDownload", {
            chart: "oci://r.example/helm/hello",
            version: "1.0.0",
            credentials: { kind: "anonymous" },
        });
        assert.deepStrictEqual(
            download.failures.map((failure) => failure.property),
            ["credentials.kind"],
        );
    });
});
