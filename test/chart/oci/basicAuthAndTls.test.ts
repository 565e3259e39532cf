import * as assert from "assert";
import { RegistryClient, RegistryClientOptions } from "../../../chart/distribution/client";
import { OciError } from "../../../chart/distribution/errors";
import { listChartVersions } from "../../../chart/helmOci/list";
import { pullChart } from "../../../chart/helmOci/pull";
import { pushChart } from "../../../chart/helmOci/push";
import { startRegistry, TestRegistry } from "../../support/registry";
import { makeChart } from "./chartFixtures";
import { assertNoSecrets } from "./secrets";

describe("Basic-auth registry (htpasswd) and TLS", function () {
    this.timeout(120000);
    let basic: TestRegistry;
    let tls: TestRegistry;
    const clients: RegistryClient[] = [];

    before(async () => {
        basic = await startRegistry({ auth: "htpasswd" });
        tls = await startRegistry({ auth: "htpasswd", tls: true });
    });
    after(async () => {
        clients.forEach((c) => c.close());
        await basic?.stop();
        await tls?.stop();
    });
    function client(options: Partial<RegistryClientOptions> & { registry: string }): RegistryClient {
        const created = new RegistryClient({ credentials: { username: "admin", password: basic.users.admin.password }, ...options });
        clients.push(created);
        return created;
    }

    it("sends Basic preemptively once the registry is known to want it: a fresh client re-publishes in one request", async () => {
        const chart = await makeChart("preemptive", "1.0.0");
        await pushChart({
            registry: basic.host,
            client: client({ registry: basic.host, plainHttp: true }),
            chart,
            repository: "basic/preemptive",
        });
        const fresh = client({ registry: basic.host, plainHttp: true });
        const result = await pushChart({ registry: basic.host, client: fresh, chart, repository: "basic/preemptive" });
        assert.strictEqual(result.skipped, true);
        assert.deepStrictEqual(fresh.stats, { requests: 1, registryRequests: 1, tokenRequests: 0, bytesUploaded: 0, retries: 0 });
    });

    it("a wrong password is reported as 401 for that user with the role fix and no secret", async () => {
        const wrong = "definitely-Wrong-pw-42";
        const bad = client({ registry: basic.host, plainHttp: true, credentials: { username: "admin", password: wrong } });
        const error = await pushChart({
            registry: basic.host,
            client: bad,
            chart: await makeChart("badpw", "1.0.0"),
            repository: "basic/badpw",
        }).catch((e: OciError) => e);
        assert.ok(error instanceof OciError, String(error));
        assert.strictEqual(error.status, 401);
        assert.match(error.message, /check the credentials for user "admin"; the identity needs the AcrPush role/i);
        assertNoSecrets(error, [wrong, Buffer.from(`admin:${wrong}`).toString("base64")]);
    });

    it("explains that token credentials cannot be used against a Basic-only registry", async () => {
        const tokenClient = client({
            registry: basic.host,
            plainHttp: true,
            credentials: { kind: "refreshToken", refreshToken: "some-refresh-token-value" },
        });
        const error = await listChartVersions({ registry: basic.host, client: tokenClient, repository: "basic/x" }).catch(
            (e: OciError) => e,
        );
        assert.ok(error instanceof OciError);
        assert.match(error.message, /uses Basic authentication.*pass username and password/);
        assertNoSecrets(error, ["some-refresh-token-value"]);
    });

    it("a self-signed certificate fails with a TLS error naming the host and the caCert fix", async () => {
        const strict = client({ registry: tls.host, credentials: { username: "admin", password: tls.users.admin.password } });
        const error = await listChartVersions({ registry: tls.host, client: strict, repository: "tls/chart" }).catch((e: OciError) => e);
        assert.ok(error instanceof OciError, String(error));
        assert.strictEqual(error.code, "TLS");
        assert.match(error.message, new RegExp(`TLS connection to ${tls.host} failed`));
        assert.match(error.message, /caCert/);
        assert.match(error.message, /plainHttp only for local/);
        assertNoSecrets(error, [tls.users.admin.password]);
    });

    it("trusts a private CA given as caCert and round-trips over https", async () => {
        const trusted = client({
            registry: tls.host,
            caCert: tls.caCertPem,
            credentials: { username: "admin", password: tls.users.admin.password },
        });
        const chart = await makeChart("overtls", "3.0.0");
        await pushChart({ registry: tls.host, client: trusted, chart, repository: "tls/overtls" });
        const pulled = await pullChart({ registry: tls.host, client: trusted, repository: "tls/overtls", version: "3.0.0" });
        assert.ok(pulled.archive.equals(chart.archive));
    });
});
