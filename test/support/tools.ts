// Tests find tools the way the scripts do: .tools/bin/<name> (built by scripts/setup-tools.sh), else PATH.
export { findOnPath, findRepoRoot, requireTool, toolPath, toolsBinDir } from "../../scripts/local/tools";
