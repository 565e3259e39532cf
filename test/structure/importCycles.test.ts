import * as assert from "assert";
import * as path from "path";
import { repoRoot } from "../support/paths";
import { importsOf, sourceFiles } from "./sourceGraph";

const SOURCE_ROOTS = ["chart", "components", "cli", "bin", "provider", "scripts", "examples", "stacks"];

function findCycles(files: string[]): string[][] {
    const graph = new Map(files.map((file) => [file, importsOf(file)]));
    const state = new Map<string, "visiting" | "done">();
    const stack: string[] = [];
    const cycles: string[][] = [];
    const visit = (file: string) => {
        state.set(file, "visiting");
        stack.push(file);
        for (const next of graph.get(file) ?? []) {
            if (state.get(next) === "visiting") cycles.push([...stack.slice(stack.indexOf(next)), next]);
            else if (!state.has(next)) visit(next);
        }
        stack.pop();
        state.set(file, "done");
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    return cycles;
}

describe("source layout", () => {
    it("has no import cycles in the library, the components, the CLI, the plugin, the scripts and the example programs", () => {
        const files = SOURCE_ROOTS.flatMap((dir) => sourceFiles(path.join(repoRoot, dir)));
        assert.ok(files.length > 100, `found only ${files.length} source files`);
        const cycles = findCycles(files).map((cycle) => cycle.map((file) => path.relative(repoRoot, file)).join(" -> "));
        assert.deepStrictEqual(cycles, []);
    });
});
