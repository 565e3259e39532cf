import type { ResourceHandler } from "./resourceHandler";

/** The custom resources the plugin implements, by type token; each handler module is loaded on first use. */
export const RESOURCES: Record<string, () => ResourceHandler> = {
    "acr-helm:index:ChartPublication": () => require("./resources/chartPublication").chartPublication,
    "acr-helm:index:ChartDownload": () => require("./resources/chartDownload").chartDownload,
    "acr-helm:index:PromotedChart": () => require("./resources/promotedChart").promotedChart,
    "acr-helm:index:ReleaseGuard": () => require("./resources/releaseGuard").releaseGuard,
};
