import * as assert from "assert";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
    ChartRegistryCredentials,
    ChartRelease,
    ChartReleaseArgs,
    literalVersionWarning,
    validateChartReleaseArgs,
    validateChartVersion,
} from "../../components/release";
import { ValidationError } from "../../chart/model/validation";
import { downloadType, FakePublication, installReleaseMocks, ReleaseRecorder } from "./releaseMocks";

describe("ChartRelease argument validation", () => {
    let recorder: ReleaseRecorder;
    let base: ChartReleaseArgs;

    beforeEach(async () => {
        recorder = await installReleaseMocks();
        base = {
            provider: new k8s.Provider("cluster", { kubeconfig: "{}" }),
            chart: "oci://myregistry.azurecr.io/helm/hello-acr",
            version: "0.1.0",
            registryCredentials: { username: "app-id", password: "super-secret-value" },
        };
    });

    const rejects: { situation: string; change: Partial<ChartReleaseArgs>; property: string; message: RegExp }[] = [
        {
            situation: "an https chart URL",
            change: { chart: "https://myregistry.azurecr.io/helm/hello-acr" },
            property: "chart",
            message: /chart must be an OCI reference 'oci:\/\/<registry>\/<repository>'.*got 'https:/,
        },
        {
            situation: "a chart ref without repository",
            change: { chart: "oci://myregistry.azurecr.io" },
            property: "chart",
            message: /chart must be an OCI reference/,
        },
        {
            situation: "an uppercase repository",
            change: { chart: "oci://myregistry.azurecr.io/Helm/hello-acr" },
            property: "chart",
            message: /lowercase repository path/,
        },
        {
            situation: "a version range",
            change: { version: "^0.1.0" },
            property: "version",
            message: /version must be the exact SemVer version.*got '\^0\.1\.0'/,
        },
        { situation: "a constraint", change: { version: ">=1.0.0" }, property: "version", message: /ranges are not accepted/ },
        {
            situation: "an empty password",
            change: { registryCredentials: { username: "app-id", password: "" } },
            property: "registryCredentials.password",
            message: /registryCredentials\.password must not be empty/,
        },
        {
            situation: "an unknown credentials kind",
            change: { registryCredentials: { kind: "managedIdentity" } as never },
            property: "registryCredentials.kind",
            message:
                /registryCredentials\.kind must be "basic" \(the default: give username and password\) or "azure" \(got "managedIdentity"\)/,
        },
        {
            situation: "a namespace with capitals",
            change: { namespace: "Team-A" },
            property: "namespace",
            message: /namespace must be a DNS label.*got 'Team-A'/,
        },
        {
            situation: "a 54-character release name",
            change: { releaseName: "a".repeat(54) },
            property: "releaseName",
            message: /releaseName must be a DNS label of at most 53 characters/,
        },
        {
            situation: "a zero timeout",
            change: { timeout: 0 },
            property: "timeout",
            message: /timeout must be a positive whole number of seconds \(got 0\)/,
        },
        {
            situation: "an unknown Pod Security level",
            change: { podSecurity: "strict" as never },
            property: "podSecurity",
            message: /podSecurity must be one of restricted, baseline, privileged/,
        },
        {
            situation: "podSecurity for a namespace it does not create",
            change: { createNamespace: false, podSecurity: "baseline" },
            property: "podSecurity",
            message: /set createNamespace: true/,
        },
    ];

    for (const { situation, change, property, message } of rejects) {
        it(`rejects ${situation}, naming ${property}`, () => {
            assert.throws(
                () => new ChartRelease("hello-acr", { ...base, ...change }),
                (err: unknown) => err instanceof ValidationError && err.property === property && message.test(err.message),
            );
        });
    }

    it("rejects a missing provider and registers nothing", async () => {
        const args = { ...base, provider: undefined } as unknown as ChartReleaseArgs;
        assert.throws(() => new ChartRelease("hello-acr", args), /provider is required: pass the k8s.Provider/);
        await recorder.settled();
        assert.deepStrictEqual(
            recorder.resources.map((r) => r.type),
            ["pulumi:providers:kubernetes"],
        );
    });

    it("asks for an explicit releaseName when the component name is not a valid release name", () => {
        assert.throws(
            () => validateChartReleaseArgs("Hello_ACR", base),
            /got 'Hello_ACR'\); the component name is used by default, so set releaseName explicitly/,
        );
        assert.strictEqual(validateChartReleaseArgs("Hello_ACR", { ...base, releaseName: "hello" }).releaseName, "hello");
    });

    it('accepts { kind: "azure" } and hands the download exactly the kind and tenant, with no secret to carry', async () => {
        new ChartRelease("hello-acr", { ...base, registryCredentials: { kind: "azure", tenantId: "tenant-1" } });
        await recorder.settled();
        const download = recorder.one(downloadType);
        assert.deepStrictEqual(download.inputs.credentials, { kind: "azure", tenantId: "tenant-1" });
    });

    it("credentials sent as one Output, as other languages send them, reach the download resolved: azure and basic", async () => {
        new ChartRelease("azure-output", {
            ...base,
            registryCredentials: pulumi.output({ kind: "azure" }) as unknown as ChartRegistryCredentials,
        });
        new ChartRelease("basic-output", {
            ...base,
            registryCredentials: pulumi.output({
                username: "app-id",
                password: pulumi.secret("super-secret-value"),
            }) as unknown as ChartRegistryCredentials,
        });
        await recorder.settled();
        const downloads = recorder.resources.filter((resource) => resource.type === downloadType);
        const credentialsOf = (name: string) => downloads.find((download) => download.name === `${name}-chart`)?.inputs.credentials;
        assert.deepStrictEqual(credentialsOf("azure-output"), { kind: "azure" });
        assert.deepStrictEqual(credentialsOf("basic-output"), { kind: "basic", username: "app-id", password: "super-secret-value" });
    });

    it("never puts the password into an error message", () => {
        const args = { ...base, chart: "not-a-ref", registryCredentials: { username: "u", password: "super-secret-value" } };
        assert.throws(
            () => validateChartReleaseArgs("hello-acr", args),
            (err: Error) => !err.message.includes("super-secret-value") && /chart must be/.test(err.message),
        );
    });

    it("accepts SemVer build metadata, pre-releases and a leading v as published", () => {
        for (const version of ["0.1.0", "1.4.2+build.7", "2.0.0-rc.1", "2.0.0-rc.1+sha.5114f85", "v1.16.0"]) {
            assert.doesNotThrow(() => validateChartVersion(version), version);
        }
    });

    it("warns when a publication is given but the version is a literal, not when it is the publication's output", () => {
        const publication = new FakePublication("hello-acr-chart");
        assert.match(
            literalVersionWarning({ publication, version: "0.1.0" }) ?? "",
            /version is the literal '0\.1\.0'.*pass the publication's version output/,
        );
        assert.strictEqual(literalVersionWarning({ publication, version: publication.version }), undefined);
        assert.strictEqual(literalVersionWarning({ version: "0.1.0" }), undefined);
    });
});
