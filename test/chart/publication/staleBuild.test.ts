import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { createRequire } from "module";
import { compiledProvider, implementation as ownImplementation } from "../../../components/chart/provider";

/**
 * The loader as the engine runs it: its text evaluated with a `require` from outside this package (from here, the
 * package name would resolve to this checkout itself).
 */
function implementation(cwd: string): unknown {
    const outsideRequire = createRequire(path.join(os.tmpdir(), "loader.js"));
    const text = `${compiledProvider.toString()}\nreturn (${ownImplementation.toString()});`;
    const loader = new Function("require", text)(outsideRequire) as (cwd: string) => unknown;
    return loader(cwd);
}

/** The freshness check the real compiled provider runs when it is loaded. */
const FRESHNESS_CHECK = path.resolve(__dirname, "..", "..", "..", "components", "chart", "compiledFreshness.js");

/** A checkout with one source file and a compiled provider, with the given modification times (seconds). */
function checkout(sourceTime: number, compiledTime: number): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-stale-"));
    fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: "pulumi-acr-helm" }));
    const source = path.join(root, "components", "chart", "providerImpl.ts");
    const compiled = path.join(root, "dist", "components", "chart", "providerImpl.js");
    fs.mkdirSync(path.dirname(source), { recursive: true });
    fs.mkdirSync(path.dirname(compiled), { recursive: true });
    fs.writeFileSync(source, "export const marker = 1;\n");
    fs.writeFileSync(
        compiled,
        `require(${JSON.stringify(FRESHNESS_CHECK)}).assertCompiledIsCurrent(__filename);\nexports.marker = "${root}";\n`,
    );
    fs.utimesSync(source, sourceTime, sourceTime);
    fs.utimesSync(compiled, compiledTime, compiledTime);
    return root;
}

describe("the provider loads the checkout's compiled code only when it is up to date", () => {
    const roots: string[] = [];
    after(() => roots.forEach((root) => fs.rmSync(root, { recursive: true, force: true })));

    it("loads dist/ when it is newer than every source file, from a program folder inside the checkout", () => {
        const root = checkout(1_700_000_000, 1_700_000_100);
        roots.push(root);
        const program = path.join(root, "examples", "local");
        fs.mkdirSync(program, { recursive: true });
        assert.strictEqual((implementation(program) as unknown as { marker: string }).marker, root);
    });

    it("refuses dist/ older than a source file, naming both and 'npm run build'", () => {
        const root = checkout(1_700_000_100, 1_700_000_000);
        roots.push(root);
        assert.throws(
            () => implementation(root),
            (error: Error) =>
                error.message.includes(path.join(root, "dist", "components", "chart", "providerImpl.js")) &&
                error.message.includes(path.join(root, "components", "chart", "providerImpl.ts")) &&
                error.message.includes(`run 'npm run build' in ${root}`),
        );
    });

    it("says where it looked when there is no compiled code", () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-nodist-"));
        roots.push(root);
        fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: "pulumi-acr-helm" }));
        assert.throws(() => implementation(root), /compiled code was not found .*does not exist.*run 'npm run build'/);
    });

    it("keeps what it loaded for the life of the process, so later calls cost nothing", () => {
        const root = checkout(1_700_000_000, 1_700_000_100);
        roots.push(root);
        const first = implementation(root);
        fs.rmSync(path.join(root, "dist"), { recursive: true });
        assert.strictEqual(implementation(root), first);
    });
});
