import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { gitProvenance, provenanceAnnotations, sanitizeRemoteUrl } from "../../../chart/packaging/provenance";
import { minimalChart, TempDirs, writeFiles } from "./support";

const isolatedGitEnv = { GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" };

function git(cwd: string, args: string[], env: Record<string, string> = {}): string {
    return execFileSync("git", args, { cwd, env: { ...process.env, ...isolatedGitEnv, ...env }, encoding: "utf8" }).trim();
}

function commitAs(repo: string, who: string, date: string, message: string): void {
    const [name, email] = [who, `${who.toLowerCase().split(" ")[0]}@example.com`];
    git(repo, ["add", "-A"]);
    git(repo, ["commit", "-q", "-m", message], {
        GIT_AUTHOR_NAME: name,
        GIT_AUTHOR_EMAIL: email,
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_NAME: name,
        GIT_COMMITTER_EMAIL: email,
        GIT_COMMITTER_DATE: date,
    });
}

/** Runs `body` with process.env changed, restoring it afterwards even on failure. */
async function withEnv<T>(changes: Record<string, string>, body: () => Promise<T>): Promise<T> {
    const saved = Object.fromEntries(Object.keys(changes).map((k) => [k, process.env[k]]));
    Object.assign(process.env, changes);
    try {
        return await body();
    } finally {
        for (const [k, v] of Object.entries(saved)) {
            if (v === undefined) delete process.env[k];
            else process.env[k] = v;
        }
    }
}

describe("gitProvenance", () => {
    const temp = new TempDirs();
    let repo: string;
    let chartDir: string;
    let chartCommit: string;
    after(() => temp.removeAll());

    before(() => {
        repo = temp.make("prov-repo-");
        chartDir = path.join(repo, "charts", "demo");
        writeFiles(chartDir, minimalChart());
        git(repo, ["init", "-q", "-b", "main"]);
        git(repo, ["remote", "add", "origin", "https://ci-user:ghp_SECRET123token@git.example.com/team/charts.git"]);
        commitAs(repo, "Alice Example", "2024-01-02T03:04:05+02:00", "chart");
        chartCommit = git(repo, ["rev-parse", "HEAD"]);
        writeFiles(repo, { "README.md": "unrelated\n" });
        commitAs(repo, "Bob Builder", "2024-03-04T05:06:07-05:00", "docs");
    });

    it("reads source without credentials, and the revision, UTC date and author of the chart's last commit", async () => {
        const provenance = await gitProvenance(chartDir);
        assert.deepStrictEqual(provenance, {
            source: "https://git.example.com/team/charts.git",
            revision: chartCommit,
            created: "2024-01-02T01:04:05Z",
            authors: "Alice Example <alice@example.com>",
            dirty: false,
        });
        assert.notStrictEqual(provenance.revision, git(repo, ["rev-parse", "HEAD"]), "a later unrelated commit does not count");
        assert.ok(!JSON.stringify(provenance).includes("SECRET"), "token leaked");
        assert.ok(!JSON.stringify(provenance).includes("ci-user"), "user name leaked");
    });

    it("is deterministic: the same checkout gives the same provenance later", async () => {
        const first = await gitProvenance(chartDir);
        await new Promise((resolve) => setTimeout(resolve, 1100));
        assert.deepStrictEqual(await gitProvenance(chartDir), first);
    });

    it("keeps the chart's last commit for a dirty chart and says it is dirty", async () => {
        const values = path.join(chartDir, "values.yaml");
        const original = fs.readFileSync(values);
        fs.writeFileSync(values, "replicas: 2\n");
        try {
            const provenance = await gitProvenance(chartDir);
            assert.strictEqual(provenance.revision, chartCommit);
            assert.strictEqual(provenance.dirty, true);
        } finally {
            fs.writeFileSync(values, original);
        }
        assert.strictEqual((await gitProvenance(chartDir)).dirty, false);
    });

    it("describes a .tgz by the commit that last changed that file, none while it is untracked", async () => {
        const archive = path.join(chartDir, "..", "demo-0.1.0.tgz");
        fs.writeFileSync(archive, "");
        try {
            const untracked = await gitProvenance(archive);
            assert.strictEqual(untracked.revision, undefined);
            git(repo, ["add", archive]);
            commitAs(repo, "Carol Packager", "2024-05-06T07:08:09Z", "archive");
            assert.strictEqual((await gitProvenance(archive)).revision, git(repo, ["rev-parse", "HEAD"]));
        } finally {
            git(repo, ["rm", "-q", "-f", archive]);
            commitAs(repo, "Carol Packager", "2024-05-06T08:08:09Z", "remove archive");
        }
    });
});

describe("gitProvenance without a usable checkout", () => {
    const temp = new TempDirs();
    after(() => temp.removeAll());

    function committedRepo(): string {
        const repo = temp.make("prov-committed-");
        writeFiles(repo, minimalChart());
        git(repo, ["init", "-q"]);
        commitAs(repo, "Carol Chart", "2024-05-06T07:08:09Z", "chart");
        return repo;
    }

    it("returns {} outside a git checkout", async () => {
        const plain = temp.make("prov-plain-");
        await withEnv({ GIT_CEILING_DIRECTORIES: os.tmpdir() }, async () => {
            assert.deepStrictEqual(await gitProvenance(plain), {});
        });
    });

    it("returns {} when git is not installed", async () => {
        const repo = committedRepo();
        assert.strictEqual((await gitProvenance(repo)).authors, "Carol Chart <carol@example.com>");
        await withEnv({ PATH: temp.make("empty-path-") }, async () => {
            assert.deepStrictEqual(await gitProvenance(repo), {});
        });
    });

    it("omits revision, created and authors in a repository without commits", async () => {
        const fresh = temp.make("prov-fresh-");
        git(fresh, ["init", "-q"]);
        assert.deepStrictEqual(await gitProvenance(fresh), {});
    });
});

describe("sanitizeRemoteUrl", () => {
    const cases: [string, string | undefined][] = [
        ["https://user:token@host.example/x.git", "https://host.example/x.git"],
        ["https://x-access-token:ghs_abc@github.com/org/repo.git", "https://github.com/org/repo.git"],
        ["https://token@dev.azure.com/org/_git/repo", "https://dev.azure.com/org/_git/repo"],
        ["http://host:8080/repo.git?private_token=abc#frag", "http://host:8080/repo.git"],
        ["ssh://git:password@host.example/repo.git", "ssh://host.example/repo.git"],
        ["git@github.com:org/repo.git", "git@github.com:org/repo.git"],
        ["user:secret@host.example:org/repo.git", undefined],
        ["/srv/git/repo.git", "/srv/git/repo.git"],
        ["https://[broken", undefined],
    ];
    for (const [remote, expected] of cases) {
        it(`${remote} -> ${expected}`, () => assert.strictEqual(sanitizeRemoteUrl(remote), expected));
    }
});

describe("provenanceAnnotations", () => {
    it("maps to OCI keys and omits what is unknown", () => {
        assert.deepStrictEqual(provenanceAnnotations({ source: "https://h/x.git", revision: "abc", dirty: true }), {
            "org.opencontainers.image.source": "https://h/x.git",
            "org.opencontainers.image.revision": "abc",
        });
        assert.deepStrictEqual(provenanceAnnotations({ created: "2024-01-01T00:00:00Z", authors: "A <a@b.c>" }), {
            "org.opencontainers.image.created": "2024-01-01T00:00:00Z",
            "org.opencontainers.image.authors": "A <a@b.c>",
        });
        assert.deepStrictEqual(provenanceAnnotations({}), {});
    });
});
