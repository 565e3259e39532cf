import * as assert from "assert";
import { RegistryRequests } from "../../scripts/local/registryRequests";
import { startRegistry, TestRegistry } from "../../scripts/local/registry";

describe("counting a local registry's requests from its access log", function () {
    this.timeout(60_000);
    let registry: TestRegistry;
    before(async () => {
        registry = await startRegistry({
            auth: "htpasswd",
            accessLog: true,
            users: { reader: { password: "reader-pa55", actions: ["pull"] } },
        });
    });
    after(() => registry?.stop());

    it("counts a request sent a moment before it is read, and not its own control request", async () => {
        const requests = new RegistryRequests(registry);
        assert.deepStrictEqual(await requests.settled(), []);
        await fetch(`http://${registry.host}/v2/team/chart/manifests/0.1.0`, { method: "PUT" });
        assert.deepStrictEqual(await requests.settledWrites(), [{ method: "PUT", path: "/v2/team/chart/manifests/0.1.0" }]);
    });

    it("start() leaves out the requests answered before it; settledKinds() counts by kind", async () => {
        await fetch(`http://${registry.host}/v2/team/chart/manifests/0.1.0`, { method: "PUT" });
        const requests = await RegistryRequests.start(registry);
        await fetch(`http://${registry.host}/v2/team/chart/manifests/0.1.0`, { method: "HEAD" });
        await fetch(`http://${registry.host}/v2/team/chart/blobs/uploads/`, { method: "POST" });
        await fetch(`http://${registry.host}/v2/`);
        assert.deepStrictEqual(await requests.settledKinds(), { "base GET": 1, "blob POST": 1, "manifest HEAD": 1 });
    });

    it("fails when the registry logs nothing instead of reading as no request", async () => {
        const silent = await startRegistry({ auth: "htpasswd", accessLog: false, users: {} });
        try {
            await assert.rejects(new RegistryRequests(silent).settled(), /did not log the control request/);
        } finally {
            await silent.stop();
        }
    });
});
