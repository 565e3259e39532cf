import * as fs from "fs";
import * as path from "path";

// `main: ../../dist/...` and a plugin's `path: ../../provider`: the relative paths a project file may hold.
const RELATIVE_PATH_LINE = /^(\s*(?:-\s+)?(?:main|path):\s+)(\.{1,2}\/\S*)\s*$/gm;

/**
 * Writes `projectDir`'s Pulumi.yaml into `dir` with its program and plugin paths still pointing at this checkout, and
 * returns `dir`. Runs in the copy keep their stack config files (Pulumi.<stack>.yaml) out of the source tree.
 */
export function copyProject(projectDir: string, dir: string): string {
    const source = path.join(projectDir, "Pulumi.yaml");
    const project = fs.readFileSync(source, "utf8");
    const copy = project.replace(RELATIVE_PATH_LINE, (_line, key: string, relative: string) => {
        const target = path.resolve(projectDir, relative);
        if (!fs.existsSync(target)) {
            throw new Error(`${source} names ${relative}, which does not exist: run \`npm run build\` first`);
        }
        return `${key}${path.relative(dir, target)}`;
    });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), copy);
    return dir;
}
