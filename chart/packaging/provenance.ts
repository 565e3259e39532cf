import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** Where provenance annotations come from: `true` reads git, `false` adds none, an object is used as given. */
export type ProvenanceSetting = boolean | ExplicitProvenance;

export interface ExplicitProvenance {
    readonly source?: string;
    readonly revision?: string;
    readonly created?: string;
    readonly authors?: string;
}

export interface GitProvenance {
    /** remote.origin.url with any credentials, query and fragment removed */
    source?: string;
    /** sha of the last commit that changed the chart; kept when the chart has uncommitted changes (see `dirty`) */
    revision?: string;
    /** committer date of that commit, RFC 3339 UTC: deterministic, unlike "now" */
    created?: string;
    /** "Name <email>" of the last commit that touched the chart directory */
    authors?: string;
    /** true when the chart directory has uncommitted or untracked changes */
    dirty?: boolean;
}

/**
 * Reads OCI provenance for a chart directory (or the directory of a chart .tgz) from git (the `git` CLI, no shell). Returns {} when
 * the directory is not in a git work tree or git is not installed.
 *
 * Revision and date are those of the last commit that changed the chart, not HEAD: commits elsewhere in
 * the repository leave the chart's provenance, and so its manifest digest, unchanged. Otherwise every
 * unrelated commit would look like new content under an already published version.
 * A dirty chart still reports that commit: the chart digest says what was actually built, and `dirty`
 * lets callers warn or refuse.
 */
export async function gitProvenance(chartPath: string): Promise<GitProvenance> {
    const resolved = path.resolve(chartPath);
    const isFile = (await fs.promises.stat(resolved).catch(() => undefined))?.isFile() ?? false;
    const dir = isFile ? path.dirname(resolved) : resolved;
    const inWorkTree = await git(dir, ["rev-parse", "--is-inside-work-tree"]);
    if (inWorkTree !== "true") return {};
    const pathspec = isFile ? path.basename(resolved) : ".";
    const [remote, lastChange, status] = await Promise.all([
        git(dir, ["config", "--get", "remote.origin.url"]),
        git(dir, ["log", "-1", "--format=%H%x00%ct%x00%an <%ae>", "HEAD", "--", pathspec]),
        git(dir, ["status", "--porcelain", "--untracked-files=normal", "--", pathspec]),
    ]);
    const [revision, committed, author] = lastChange ? lastChange.split("\0") : [];
    const provenance: GitProvenance = {};
    const source = remote ? sanitizeRemoteUrl(remote) : undefined;
    if (source) provenance.source = source;
    if (revision) provenance.revision = revision;
    if (committed && /^\d+$/.test(committed)) provenance.created = rfc3339Utc(Number(committed));
    if (author) provenance.authors = author;
    if (revision && status !== undefined) provenance.dirty = status !== "";
    return provenance;
}

/** Maps provenance to OCI annotation keys, omitting what is unknown. */
export function provenanceAnnotations(p: GitProvenance): Record<string, string> {
    const annotations: Record<string, string> = {};
    for (const key of ["source", "revision", "created", "authors"] as const) {
        const value = p[key];
        if (value) annotations[`org.opencontainers.image.${key}`] = value;
    }
    return annotations;
}

/**
 * Removes user:password (often a token) from URL-style remotes, plus query and fragment.
 * scp-style remotes (git@host:org/repo.git) carry no secret and are kept. Anything that looks
 * like a URL but cannot be parsed is dropped rather than risk leaking a credential.
 */
export function sanitizeRemoteUrl(remote: string): string | undefined {
    const trimmed = remote.trim();
    if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(trimmed)) {
        return /^[^/@:]+@[^/:]+:/.test(trimmed) || !trimmed.includes("@") ? trimmed : undefined;
    }
    try {
        const url = new URL(trimmed);
        url.username = "";
        url.password = "";
        url.search = "";
        url.hash = "";
        return url.toString();
    } catch {
        return undefined;
    }
}

function rfc3339Utc(epochSeconds: number): string {
    return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Runs git in `cwd`; resolves to trimmed stdout, or undefined if git fails or is missing. */
function git(cwd: string, args: string[]): Promise<string | undefined> {
    const env = { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" };
    return new Promise((resolve) => {
        execFile("git", args, { cwd, env, timeout: 15000, maxBuffer: 1024 * 1024 }, (err, stdout) => {
            resolve(err ? undefined : stdout.trim());
        });
    });
}
