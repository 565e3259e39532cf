import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { RegistryClient } from "../../../chart/distribution/client";
import { getManifest } from "../../../chart/distribution/manifestRequests";
import { pushChart } from "../../../chart/helmOci/push";
import { packageChart } from "../../../chart/packaging/package";
import { copyTree } from "../package/support";
import { repoRoot } from "../../support/paths";
import { countKinds, RequestCounter } from "../../../scripts/local/requestCounter";
import { startRegistry, TestRegistry } from "../../support/registry";
import { requireTool } from "../../support/tools";
import { HelmCli } from "./helmCli";

const HELLO = path.join(repoRoot, "charts", "hello-acr");

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

// What docs/guides/helm-compatibility.md says about `helm package` and `helm push`, measured for both majors.
for (const major of [
    { label: "Helm 3.22", tool: "helm" },
    { label: "Helm 4.3.1", tool: "helm4" },
] as const) {
    describe(`${major.label}: determinism of helm package and what helm push does on a re-push`, function () {
        this.timeout(120_000);
        let helm: HelmCli;
        let registry: TestRegistry;
        let counter: RequestCounter;
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
            registry = await startRegistry({ auth: "htpasswd" });
            // helm and our pushes go through the counter; manifests are read back from the registry directly.
            counter = await RequestCounter.start({ registryHost: registry.host });
            client = new RegistryClient({
                registry: registry.host,
                plainHttp: true,
                credentials: { username: "admin", password: registry.users.admin.password },
            });
            await helm.run(
                ["registry", "login", counter.host, "--username", "admin", "--password-stdin", "--plain-http"],
                registry.users.admin.password,
            );
        });
        after(async () => {
            client?.close();
            helm?.cleanup();
            await counter?.stop();
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
            const push = async () => {
                const mark = await counter.mark();
                await helm.run(["push", tgz, `oci://${counter.host}/repush`, "--plain-http"]);
                return countKinds(await counter.since(mark));
            };
            const firstPush = await push();
            const firstDigest = await manifestDigest("repush/hello-acr");
            const rePush = await push();
            assert.ok((firstPush["manifest PUT"] ?? 0) >= 1, JSON.stringify(firstPush));
            assert.ok(
                (rePush["manifest PUT"] ?? 0) >= 1,
                `each helm push, even of the same file, writes the manifest again: ${JSON.stringify(rePush)}`,
            );
            assert.strictEqual(
                await manifestDigest("repush/hello-acr"),
                firstDigest,
                "the created annotation is the .tgz file's time, so the same file gives the same manifest",
            );
            fs.utimesSync(tgz, new Date(Date.now() + 7_200_000), new Date(Date.now() + 7_200_000));
            await helm.run(["push", tgz, `oci://${counter.host}/repush`, "--plain-http"]);
            const movedDigest = await manifestDigest("repush/hello-acr");
            assert.notStrictEqual(movedDigest, firstDigest, "a newer .tgz of the same chart replaces version 0.1.0 without a word");
            const ours = await packageChart(clones[0]);
            const counted = new RegistryClient({
                registry: counter.host,
                plainHttp: true,
                credentials: { username: "admin", password: registry.users.admin.password },
            });
            let ourRePush: Record<string, number>;
            try {
                await pushChart({ registry: counter.host, client: counted, chart: ours, repository: "ours/hello-acr" });
                const mark = await counter.mark();
                await pushChart({ registry: counter.host, client: counted, chart: ours, repository: "ours/hello-acr" });
                ourRePush = countKinds(await counter.since(mark));
            } finally {
                counted.close();
            }
            const total = (kinds: Record<string, number>) => Object.values(kinds).reduce((a, b) => a + b, 0);
            console.log(
                `      ${major.label}: first push ${total(firstPush)} requests ${JSON.stringify(firstPush)}, same .tgz again ${total(rePush)} ${JSON.stringify(rePush)}; our unchanged re-publish ${JSON.stringify(ourRePush)}`,
            );
            assert.deepStrictEqual(ourRePush, { "manifest HEAD": 1 });
        });
    });
}
