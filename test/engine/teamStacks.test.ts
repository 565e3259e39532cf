import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { previewSummaryMarkdown } from "../../scripts/ci/previewSummary";
import { PulumiStack } from "../../scripts/local/pulumiStack";
import { assertNoSecretsIn, backendFiles, findSecrets } from "../../scripts/local/secretScanner";
import { RegistryRequests } from "../../scripts/local/registryRequests";
import { setChartVersion } from "../../scripts/local/chartVersion";
import { STATE_CONTAINER } from "../../scripts/local/teamStacks";
import { repoRoot } from "../support/paths";
import { ENGINE_SUITE_LIMIT_MINUTES, suiteDeadline } from "../support/suiteDeadline";
import { PUSH, READER, startTeamEnvironment, TeamEnvironment, waitForLock } from "./support/teamEnvironment";
import { freshAppCheckout } from "./support/freshCheckout";
import { previewSteps, releaseOf } from "./support/teamOutputs";

describe("Platform and application stacks on azblob:// state in local Azure Blob storage (Azurite)", function () {
    suiteDeadline(this, ENGINE_SUITE_LIMIT_MINUTES);
    this.timeout(900_000);
    let env: TeamEnvironment;
    let teamA: PulumiStack;
    let teamB: PulumiStack;
    let teamAChart: string;
    let bumpRequests: RegistryRequests;
    const projectFiles = () => ["platform", "app"].flatMap((project) => fs.readdirSync(path.join(repoRoot, "stacks", project)));
    const sourceTreeBefore = projectFiles();

    before(async function () {
        this.timeout(600_000);
        env = await startTeamEnvironment();
        const charts = (team: string, own: string) => [
            { path: env.chart(team, "hello-acr"), namespace: team },
            { path: env.chart(team, own), namespace: team },
        ];
        [teamA, teamB] = await Promise.all([
            env.teams.createApp("team-a", env.platform, charts("team-a", "team-a-api")),
            env.teams.createApp("team-b", env.platform, charts("team-b", "team-b-worker")),
        ]);
        teamAChart = env.chart("team-a", "hello-acr");
    });

    after(async () => {
        await env?.dispose();
    });

    it("two app stacks read the platform through a StackReference and release at the same time: both succeed, each in its own namespaces", async () => {
        const [a, b] = await Promise.all([teamA.up(), teamB.up()]);
        assert.strictEqual(a.code, 0, a.output);
        assert.strictEqual(b.code, 0, b.output);
        const host = env.registry.host;
        for (const [stack, team, own] of [
            [teamA, "team-a", "team-a-api"],
            [teamB, "team-b", "team-b-worker"],
        ] as const) {
            for (const chart of ["hello-acr", own]) {
                const release = await releaseOf(stack, chart);
                assert.strictEqual(release.ref, `oci://${host}/${team}/${chart}`);
                assert.deepStrictEqual([release.version, release.releaseStatus, release.releaseRevision], ["0.1.0", "deployed", 1]);
                assert.strictEqual(release.releaseNamespace, team);
            }
        }
    });

    it("an unchanged app stack's up reports no changes", async () => {
        const result = await teamA.up(["--expect-no-changes"]);
        assert.strictEqual(result.code, 0, result.output);
    });

    it("each release checks its Helm records with the platform's kubeconfig, kept secret in the app stack's state", async () => {
        const { deployment } = JSON.parse(await teamA.exportState()) as {
            deployment: { resources: { type: string; urn: string; inputs?: Record<string, unknown> }[] };
        };
        const guards = deployment.resources.filter((resource) => resource.type === "acr-helm:index:ReleaseGuard");
        assert.deepStrictEqual(guards.map((guard) => guard.urn.split("::").pop()).sort(), ["hello-acr-guard", "team-a-api-guard"]);
        for (const guard of guards) {
            assert.strictEqual(
                (guard.inputs?.kubeconfig as Record<string, unknown>)?.["4dabf18193072939515e22adb298388d"],
                "1b47061264138c4ac30d75fd1eb44270",
            );
            assert.strictEqual(guard.inputs?.recoverPendingRelease, false);
        }
    });

    it("a second up of the same stack while one runs is refused by the backend's lock; the first finishes and the state is intact", async () => {
        setChartVersion(teamAChart, "0.2.0");
        bumpRequests = await RegistryRequests.start(env.registry);
        const first = teamA.up();
        const lock = await waitForLock(env.storage, teamA);
        const second = await teamA.up();
        const bumped = await first;
        assert.notStrictEqual(second.code, 0, "the concurrent up was not refused");
        assert.match(second.output, /the stack is currently locked by 1 lock\(s\)/);
        assert.ok(second.output.includes(lock.split("/").pop()!), `the refusal names the lock object ${lock}`);
        assert.strictEqual(bumped.code, 0, bumped.output);
        const release = await releaseOf(teamA, "hello-acr");
        assert.deepStrictEqual([release.version, release.releaseRevision, release.releaseStatus], ["0.2.0", 2, "deployed"]);
        const unchanged = await teamA.preview(["--expect-no-changes"]);
        assert.strictEqual(unchanged.code, 0, unchanged.output);
        const locks = (await env.storage.listBlobs(STATE_CONTAINER)).filter((blob) => blob.name.startsWith(".pulumi/locks/"));
        assert.deepStrictEqual(locks, [], "no lock is left behind");
    });

    it("team A's chart bump wrote only under team-a/ in the registry, and team B's stack refreshes with no changes", async () => {
        const writes = await bumpRequests.settledWrites();
        assert.ok(writes.length > 0, "the bump pushed something (the count is not vacuous)");
        const elsewhere = writes.filter((request) => !request.path.startsWith("/v2/team-a/hello-acr/"));
        assert.deepStrictEqual(elsewhere, []);
        const refresh = await teamB.run(["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
        assert.strictEqual(refresh.code, 0, refresh.output);
        assert.strictEqual((await releaseOf(teamB, "hello-acr")).releaseRevision, 1);
    });

    it("the platform's secrets read through the StackReference stay secret: not in plain text in the blob store's raw objects", async () => {
        const raw = backendFiles(env.storage.location);
        assert.ok(
            raw.some(({ text }) => text.includes(teamA.name) && text.includes("kubeconfig")),
            "the raw objects hold team A's state (the search looks where the state is)",
        );
        const secrets = [
            { name: "push password", value: PUSH.password, username: PUSH.username },
            { name: "API server token", value: env.cluster.token },
            { name: "stack passphrase", value: env.teams.passphrase },
        ];
        const platformOutputs = JSON.stringify(await env.platform.outputs(true));
        assert.deepStrictEqual(
            findSecrets([platformOutputs], secrets)
                .map((finding) => finding.secret)
                .slice(0, 2),
            ["push password", "API server token"],
        );
        const exported = await teamA.workspace.expectSuccess(["stack", "export", "--stack", teamA.name]);
        assertNoSecretsIn(
            [
                ...raw,
                { where: "team A's export", text: await teamA.exportState() },
                { where: "team B's export", text: await teamB.exportState() },
                { where: "pulumi stack export's output", text: exported.stdout },
            ],
            secrets,
        );
    });

    it("a new login server in the platform shows in team A's next preview as exactly a replacement of each publication and an update of its download and release", async () => {
        const port = env.registry.host.split(":")[1];
        await env.platform.setConfig("registry", `localhost:${port}`);
        await env.platform.expect(["up", "--yes", "--skip-preview"]);
        const preview = await teamA.run(["preview", "--json"]);
        assert.strictEqual(preview.code, 0, preview.output);
        const changed = previewSteps(preview.stdout).filter((step) => step.op !== "same" && step.type !== "pulumi:pulumi:StackReference");
        assert.deepStrictEqual(changed.map((step) => `${step.op} ${step.type} ${step.name} [${step.diffs.join(",")}]`).sort(), [
            "replace acr-helm:index:ChartPublication hello-acr-chart [loginServer]",
            "replace acr-helm:index:ChartPublication team-a-api-chart [loginServer]",
            // The download's provider reports a change without naming properties: its chart ref is unknown until the new publication exists.
            "update acr-helm:index:ChartDownload hello-acr-chart []",
            "update acr-helm:index:ChartDownload team-a-api-chart []",
            "update kubernetes:helm.sh/v3:Release hello-acr-release [chart,version]",
            "update kubernetes:helm.sh/v3:Release team-a-api-release [chart,version]",
        ]);
        await env.platform.setConfig("registry", env.registry.host);
        await env.platform.expect(["up", "--yes", "--skip-preview"]);
    });

    /**
     * From a fresh checkout, an unchanged stack's preview pulls its chart with the configured pull-only credentials:
     * a wrong password for that user fails the preview (so they, not the platform's push identity, are used), the
     * right one passes with no changes.
     */
    async function pullOnlyPreviewOfUnchangedStack(): Promise<void> {
        const checkout = freshAppCheckout(teamA);
        try {
            const ci = new PulumiStack(env.teams.workspace("app", {}, checkout.dir), teamA.name);
            await ci.setConfig("registryUsername", READER.username);
            await ci.setConfig("registryPassword", `${READER.password}-wrong`, { secret: true });
            const refused = await ci.run(["preview"]);
            assert.notStrictEqual(refused.code, 0, refused.output);
            assert.match(refused.output, /401|unauthorized|authentication/i);
            await ci.setConfig("registryPassword", READER.password, { secret: true });
            const preview = await ci.run(["preview", "--expect-no-changes"]);
            assert.strictEqual(preview.code, 0, preview.output);
            assertNoSecretsIn(
                [
                    { where: "refused up", text: refused.output },
                    { where: "preview", text: preview.output },
                ],
                [{ name: "pull-only password", value: READER.password, username: READER.username }],
            );
        } finally {
            checkout.dispose();
        }
    }

    it("a pull request's preview from a fresh checkout shows exactly the chart bump, writes nothing to the registry or the backend, prints no secret, and summarises as Markdown", async () => {
        await pullOnlyPreviewOfUnchangedStack();
        const checkout = freshAppCheckout(teamA);
        try {
            setChartVersion(teamAChart, "0.3.0");
            const ci = new PulumiStack(env.teams.workspace("app", {}, checkout.dir), teamA.name);
            // The job's registry credentials can only pull.
            await ci.setConfig("registryUsername", READER.username);
            await ci.setConfig("registryPassword", READER.password, { secret: true });
            const blobsBefore = await env.storage.listBlobs(STATE_CONTAINER);
            const blobMark = env.storage.requestMark();
            const requests = await RegistryRequests.start(env.registry);
            const diff = await ci.preview();
            const json = await ci.run(["preview", "--json"]);
            assert.strictEqual(diff.code, 0, diff.output);
            assert.strictEqual(json.code, 0, json.output);
            // Reads are expected: with no chart cache in the checkout, each unchanged release's chart is fetched to diff it.
            const registryWrites = (await requests.settled()).filter((request) => !["GET", "HEAD"].includes(request.method));
            assert.deepStrictEqual(registryWrites, [], "requests that write to the registry during the previews");
            const blobRequests = await env.storage.requestsSince(blobMark);
            assert.ok(
                blobRequests.some((request) => request.method === "GET"),
                "the previews read the state from the Blob service",
            );
            const writes = blobRequests.filter((request) => !["GET", "HEAD"].includes(request.method));
            assert.deepStrictEqual(writes, [], "requests that write to the backend during the previews");
            assert.deepStrictEqual(await env.storage.listBlobs(STATE_CONTAINER), blobsBefore, "the backend's objects changed");
            assert.ok(!fs.existsSync(path.join(checkout.dir, ".pulumi-acr-helm")), "the preview fetched charts into the checkout");
            const changed = previewSteps(json.stdout).filter((step) => step.op !== "same" && step.type !== "pulumi:pulumi:StackReference");
            assert.deepStrictEqual(changed.map((step) => `${step.op} ${step.type} ${step.name}`).sort(), [
                "update acr-helm:index:ChartDownload hello-acr-chart",
                "update acr-helm:index:ChartPublication hello-acr-chart",
                "update kubernetes:helm.sh/v3:Release hello-acr-release",
            ]);
            assert.match(diff.output, /0\.2\.0/);
            assert.match(diff.output, /0\.3\.0/);
            const summary = previewSummaryMarkdown(json.stdout, teamA.name);
            assert.match(summary, /\| update \| hello-acr-chart \| acr-helm:index:ChartPublication \| [^|]* \| 0\.2\.0 → 0\.3\.0 \|/);
            assert.match(summary, /\*\*3 to update, \d+ unchanged\*\*/);
            const secrets = [
                { name: "push password", value: PUSH.password, username: PUSH.username },
                { name: "pull-only password", value: READER.password, username: READER.username },
                { name: "API server token", value: env.cluster.token },
                { name: "stack passphrase", value: env.teams.passphrase },
            ];
            assertNoSecretsIn(
                [
                    { where: "preview --diff", text: diff.output },
                    { where: "preview --json", text: json.output },
                    { where: "summary", text: summary },
                ],
                secrets,
            );
        } finally {
            setChartVersion(teamAChart, "0.2.0");
            checkout.dispose();
        }
    });

    it("destroy of both app stacks and then the platform removes every release namespace", async () => {
        const [a, b] = await Promise.all([
            teamA.run(["destroy", "--yes", "--skip-preview"]),
            teamB.run(["destroy", "--yes", "--skip-preview"]),
        ]);
        assert.strictEqual(a.code, 0, a.output);
        assert.strictEqual(b.code, 0, b.output);
        await env.platform.expect(["destroy", "--yes", "--skip-preview"]);
        const namespaces = await env.cluster.apiRequest("/api/v1/namespaces");
        const names = (JSON.parse(namespaces.body) as { items: { metadata: { name: string } }[] }).items.map((item) => item.metadata.name);
        assert.ok(!names.includes("team-a") && !names.includes("team-b"), `namespaces left: ${names.join(", ")}`);
    });

    it("the stacks ran from copies of their projects: no stack config file was written into stacks/platform or stacks/app", () => {
        assert.deepStrictEqual(projectFiles(), sourceTreeBefore);
        for (const stack of [env.platform, teamA, teamB]) {
            assert.ok(
                fs.existsSync(stack.configFile) && !stack.configFile.startsWith(repoRoot),
                `${stack.configFile} is outside the clone`,
            );
        }
    });
});
