// Tests find tools the way the scripts do: .tools/bin/<name> (built by scripts/setup-tools.sh); requireTool also takes PATH.
export { findOnPath, findRepoRoot, installedTool, requireTool, toolPath, toolsBinDir } from "../../scripts/local/tools";
