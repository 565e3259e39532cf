import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { packageChart, PackagedChart } from "../../../chart/packaging/package";

/** Writes a small, valid chart directory and packages it with the project's packager. */
export async function makeChart(name: string, version: string, extraChartYaml = "", configValue = "hello"): Promise<PackagedChart> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-chart-"));
    try {
        const chartDir = path.join(dir, name);
        fs.mkdirSync(path.join(chartDir, "templates"), { recursive: true });
        fs.writeFileSync(
            path.join(chartDir, "Chart.yaml"),
            `apiVersion: v2\nname: ${name}\nversion: ${version}\ndescription: Test chart ${name}\nappVersion: "1.0"\n${extraChartYaml}`,
        );
        fs.writeFileSync(path.join(chartDir, "values.yaml"), `greeting: ${configValue}\n`);
        fs.writeFileSync(
            path.join(chartDir, "templates", "configmap.yaml"),
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  greeting: {{ .Values.greeting | quote }}\n",
        );
        return await packageChart(chartDir);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
