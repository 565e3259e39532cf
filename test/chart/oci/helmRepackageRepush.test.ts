import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { RegistryClient } from "../../../components/chart/distribution/client";
import { getManifest } from "../../../components/chart/distribution/manifestRequests";
import { pushChart } from "../../../components/chart/helmOci/push";
import { packageChart } from "../../../components/chart/package";
import { copyTree } from "../package/support";
import { repoRoot } from "../../support/paths";
import { startRegistry, TestRegistry } from "../../support/registry";
import { requireTool } from "../../support/tools";
import { HelmCli } from "./helmCli";

const HELLO = path.join(repoRoot, "charts", "hello-acr");

/** The registry writes its access log as it goes: wait until the count has not moved for a while. */
async function settledCount(registry: TestRegistry): Promise<number> {
    let count = registry.requestCount();
    for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        const now = registry.requestCount();
        if (now === count) return now;
        count = now;
    }
}

/** Two checkouts of one commit: the same files, written at different times. */
function twoClones(dir: string): [string, string] {
    const clones: [string, string] = [path.join(dir, "clone-a", "hello-acr"), path.join(dir, "clone-b", "hello-acr")];
    copyTree(HELLO, clones[0]);
    copyTree(HELLO, clones[1]);
    const later = new Date(Date.now() + 3_600_000);
    const touch = (p: string) => {
        fs.utimesSync(p, later, later);
        if (fs.statSync(p).isDirectory()) for (const n of fs.readdirSync(p)) touch(path.join(p, n));
    };
    touch(clones[1]);
    return clones;
}

// What the README says about `helm package` and `helm push`, measured for both majors.
for (const major of [
    { label: "Helm 3.22", tool: "helm" },
    { label: "Helm 4.3.1", tool: "helm4" },
] as const) {
    describe(`${major.label}: determinism of helm package and what helm push does on a re-push`, function () {
        this.timeout(120_000);
        let helm: HelmCli;
        let registry: TestRegistry;
        let client: RegistryClient;
        let clones: [string, string];
        const out = (name: string) => path.join(helm.home, name);
        const packaged = async (chartDir: string, dest: string, env: Record<string, string> = {}) => {
            await helm.run(["package", chartDir, "-d", out(dest)], undefined, env);
            return fs.readFileSync(path.join(out(dest), "hello-acr-0.1.0.tgz"));
        };
        const manifestDigest = async (repository: string) =>
            (await getManifest({ client, operation: "pull", repository, reference: "0.1.0", actions: ["pull"] }))!.digest;

        before(async () => {
            helm = new HelmCli(requireTool(major.tool));
            clones = twoClones(helm.home);
            registry = await startRegistry({ auth: "htpasswd", accessLog: true });
            client = new RegistryClient({
                registry: registry.host,
                plainHttp: true,
                credentials: { username: "admin", password: registry.users.admin.password },
            });
            await helm.run(
                ["registry", "login", registry.host, "--username", "admin", "--password-stdin", "--plain-http"],
                registry.users.admin.password,
            );
        });
        after(async () => {
            client?.close();
            helm?.cleanup();
            await registry?.stop();
        });

        it("packaging one checkout twice, and two clones of one commit", async () => {
            const first = await packaged(clones[0], "a");
            await new Promise((resolve) => setTimeout(resolve, 1100));
            const again = await packaged(clones[0], "b");
            const otherClone = await packaged(clones[1], "c");
            const epoch = { SOURCE_DATE_EPOCH: "1700000000" };
            const epochA = await packaged(clones[0], "d", epoch);
            // Tar headers keep whole seconds: a second apart, Helm 3's packaging time shows.
            await new Promise((resolve) => setTimeout(resolve, 1100));
            const epochB = await packaged(clones[1], "e", epoch);
            const ours = [await packageChart(clones[0]), await packageChart(clones[1])];
            const same = (a: Buffer, b: Buffer) => (a.equals(b) ? "same bytes" : "different bytes");
            console.log(
                `      ${major.label}: same checkout twice: ${same(first, again)}; two clones: ${same(first, otherClone)}; two clones with SOURCE_DATE_EPOCH: ${same(epochA, epochB)}`,
            );
            assert.ok(ours[0].archive.equals(ours[1].archive), "our packaging gives two clones the same bytes");
            if (major.tool === "helm") {
                assert.ok(!first.equals(again), "Helm 3 writes the packaging time into the archive");
                assert.ok(!epochA.equals(epochB), "Helm 3 ignores SOURCE_DATE_EPOCH");
            } else {
                assert.ok(first.equals(again), "Helm 4 writes the files' times, so one checkout packages to the same bytes");
                assert.ok(epochA.equals(epochB), "Helm 4 honours SOURCE_DATE_EPOCH");
            }
            assert.ok(!first.equals(otherClone), "two clones (different file times) give different archives");
        });

        it("pushing the same .tgz again rewrites the manifest; a re-packaged chart moves the tag to a new manifest", async () => {
            const tgz = path.join(out("a"), "hello-acr-0.1.0.tgz");
            const before = await settledCount(registry);
            await helm.run(["push", tgz, `oci://${registry.host}/repush`, "--plain-http"]);
            const firstPush = (await settledCount(registry)) - before;
            const firstDigest = await manifestDigest("repush/hello-acr");
            const beforeAgain = await settledCount(registry);
            await helm.run(["push", tgz, `oci://${registry.host}/repush`, "--plain-http"]);
            const rePush = (await settledCount(registry)) - beforeAgain;
            const manifestPuts = (registry.output().match(/"PUT \/v2\/repush\/hello-acr\/manifests\/0\.1\.0/g) ?? []).length;
            assert.strictEqual(manifestPuts, 2, "each helm push, even of the same file, writes the manifest again");
            assert.strictEqual(
                await manifestDigest("repush/hello-acr"),
                firstDigest,
                "the created annotation is the .tgz file's time, so the same file gives the same manifest",
            );
            fs.utimesSync(tgz, new Date(Date.now() + 7_200_000), new Date(Date.now() + 7_200_000));
            await helm.run(["push", tgz, `oci://${registry.host}/repush`, "--plain-http"]);
            const movedDigest = await manifestDigest("repush/hello-acr");
            assert.notStrictEqual(movedDigest, firstDigest, "a newer .tgz of the same chart replaces version 0.1.0 without a word");
            const ours = await packageChart(clones[0]);
            await pushChart({ registry: registry.host, client, chart: ours, repository: "ours/hello-acr" });
            const beforeOurs = client.stats.requests;
            await pushChart({ registry: registry.host, client, chart: ours, repository: "ours/hello-acr" });
            const ourRePush = client.stats.requests - beforeOurs;
            console.log(
                `      ${major.label}: first push ${firstPush} requests, same .tgz again ${rePush} requests (manifest rewritten); our unchanged re-publish ${ourRePush} request(s)`,
            );
            assert.ok(rePush > 1, "helm push sends the manifest again");
            assert.strictEqual(ourRePush, 1);
        });
    });
}
