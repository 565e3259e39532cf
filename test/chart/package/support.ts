import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import * as tar from "tar-stream";
import { repoRoot } from "../../support/paths";

export function fixtureChart(name: string): string {
    return path.join(repoRoot, "test", "fixtures", "charts", name);
}

/** Temporary directories that `removeAll` deletes (call it from after()). */
export class TempDirs {
    private readonly dirs: string[] = [];

    make(prefix = "chart-"): string {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
        this.dirs.push(dir);
        return dir;
    }

    removeAll(): void {
        for (const dir of this.dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** Writes `files` (relative path -> content) under `dir`, creating directories. */
export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
    for (const [rel, content] of Object.entries(files)) {
        const file = path.join(dir, rel);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, content);
    }
}

export function minimalChart(name = "demo", version = "0.1.0"): Record<string, string> {
    return {
        "Chart.yaml": `apiVersion: v2\nname: ${name}\nversion: ${version}\n`,
        "values.yaml": "replicas: 1\n",
        "templates/configmap.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n",
    };
}

/** Copies a directory tree; `order` "reverse" creates entries in reverse name order. */
export function copyTree(src: string, dst: string, order: "forward" | "reverse" = "forward"): void {
    fs.mkdirSync(dst, { recursive: true });
    const names = fs.readdirSync(src).sort();
    if (order === "reverse") names.reverse();
    for (const name of names) {
        const from = path.join(src, name);
        const to = path.join(dst, name);
        if (fs.statSync(from).isDirectory()) copyTree(from, to, order);
        else fs.copyFileSync(from, to);
    }
}

/** Applies `visit` to every file and directory under `dir` (deepest first). */
export function forEachPath(dir: string, visit: (p: string, isDir: boolean) => void): void {
    for (const name of fs.readdirSync(dir)) {
        const p = path.join(dir, name);
        const isDir = fs.statSync(p).isDirectory();
        if (isDir) forEachPath(p, visit);
        visit(p, isDir);
    }
}

export interface TarEntry {
    header: tar.Header;
    data: Buffer;
}

/** Gunzips and reads every tar entry (headers exactly as stored). */
export async function readTarGz(archive: Buffer): Promise<TarEntry[]> {
    const extract = tar.extract();
    extract.end(zlib.gunzipSync(archive));
    const entries: TarEntry[] = [];
    for await (const entry of extract) {
        const chunks: Buffer[] = [];
        for await (const chunk of entry) chunks.push(chunk as Buffer);
        entries.push({ header: entry.header, data: Buffer.concat(chunks) });
    }
    return entries;
}

export function entryNames(entries: TarEntry[]): string[] {
    return entries.map((e) => e.header.name);
}
