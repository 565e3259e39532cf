// `npm run test:unit`: the tests that need no external tool (no registry, Helm, git, Pulumi or API server), right
// after `npm ci`. A test needs a tool when it, or a test helper it requires, starts a process: found in the
// compiled code, so a new test is sorted without a list to keep up to date.
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "dist", "test");
/** Test helpers live in the tests and in the scripts; the package's own code is not a tool. */
const helperRoots = [root, path.join(__dirname, "dist", "scripts")];
const STARTS_A_PROCESS = /require\("(node:)?child_process"\)/;
const RELATIVE_REQUIRE = /require\("(\.{1,2}\/[^"]+)"\)/g;

function testFiles(dir) {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) return testFiles(file);
        return entry.name.endsWith(".test.js") ? [file] : [];
    });
}

const verdicts = new Map();
function needsATool(file) {
    if (verdicts.has(file)) return verdicts.get(file);
    verdicts.set(file, false);
    const code = fs.readFileSync(file, "utf8");
    const helpers = [...code.matchAll(RELATIVE_REQUIRE)]
        .map((match) => path.resolve(path.dirname(file), match[1]) + ".js")
        .filter((helper) => helperRoots.some((dir) => helper.startsWith(dir)) && fs.existsSync(helper));
    const verdict = STARTS_A_PROCESS.test(code) || helpers.some(needsATool);
    verdicts.set(file, verdict);
    return verdict;
}

module.exports = {
    spec: fs.existsSync(root) ? testFiles(root).filter((file) => !needsATool(file)) : [],
    require: [path.join(root, "harness", "fileTimes.js")],
    timeout: 20000,
    forbidOnly: true,
    exit: true,
};
