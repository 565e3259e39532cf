import * as fs from "fs";
import * as path from "path";

/** Walks up from `start` to the directory whose package.json is named "pulumi-acr-helm". */
export function findPackageRoot(start: string): string {
    let dir = path.resolve(start);
    for (;;) {
        const manifest = path.join(dir, "package.json");
        if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === "pulumi-acr-helm") {
            return dir;
        }
        const parent = path.dirname(dir);
        if (parent === dir) throw new Error(`no pulumi-acr-helm package.json above ${start}`);
        dir = parent;
    }
}

/** Repository root, found from the compiled test location (dist/test/support). */
export const repoRoot = findPackageRoot(__dirname);
