import * as assert from "assert";
import * as os from "os";
import { closeSharedClients } from "../../../chart/distribution/connection";
import { OciError } from "../../../chart/distribution/errors";
import { resolveTag } from "../../../chart/helmOci/manage";
import { pushChart } from "../../../chart/helmOci/push";
import { readInputs } from "../../../chart/publication/inputs";
import { removeManifest } from "../../../chart/publication/registryCalls";
import { remove } from "../../../provider/resources/chartPublication";
import { startRegistry, TestRegistry } from "../../support/registry";
import { makeChart } from "../oci/chartFixtures";
import { assertNoSecrets } from "../oci/secrets";

const STALE = "rotated-Secret-pa55";

for (const mode of ["htpasswd", "token"] as const) {
    describe(`deleteFromRegistryOnDestroy with a password that is no longer valid (${mode} auth)`, function () {
        this.timeout(60_000);
        let registry: TestRegistry;

        before(async () => (registry = await startRegistry({ auth: mode })));
        after(async () => {
            closeSharedClients();
            await registry?.stop();
        });

        it("the delete fails with 401 naming the registry and user, never the password, and the version stays", async () => {
            const credentials = { username: "admin", password: registry.users.admin.password };
            const chart = await makeChart("stale", "1.0.0");
            const pushed = await pushChart({ registry: registry.host, plainHttp: true, credentials, chart, repository: "charts/stale" });
            const state = {
                chartPath: os.tmpdir(),
                loginServer: registry.host,
                repository: "charts",
                plainHttp: true,
                provenance: false,
                credentials: { username: "admin", password: STALE },
                deleteFromRegistryOnDestroy: true,
                repositoryPath: "charts/stale",
                version: "1.0.0",
                digest: pushed.digest,
            };
            const staleFailure = (error: OciError) => {
                assertNoSecrets(error, [STALE, Buffer.from(`admin:${STALE}`).toString("base64")]);
                assert.strictEqual(error.status, 401, error.message);
                assert.ok(error.message.includes(registry.host), error.message);
                assert.match(error.message, /rejected the credentials \(HTTP 401\)\. Check the credentials for user "admin"/);
                return true;
            };
            await assert.rejects(remove("id", state), staleFailure);
            // The DELETE itself, past the tag lookup that remove() does first.
            await assert.rejects(removeManifest(readInputs(state), "charts/stale", pushed.digest), staleFailure);
            assert.strictEqual(
                await resolveTag({ registry: registry.host, plainHttp: true, credentials, repository: "charts/stale", version: "1.0.0" }),
                pushed.digest,
            );
        });
    });
}
