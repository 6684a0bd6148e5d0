import type { ParamSuggestion } from "./inspector/ParamInput";

interface ListedDataset {
  name: string;
  kind: "sample" | "project";
  nameReference: string;
  rowCount: number | null;
  latestVersion: { number: number } | null;
}

/** How the Load node's dataset field offers a dataset: its name reference, read as "churn (v3, 4,000 rows)". */
export function datasetSuggestion(dataset: ListedDataset): ParamSuggestion {
  const rows = dataset.rowCount === null ? null : `${dataset.rowCount.toLocaleString("en")} rows`;
  const what = dataset.kind === "sample" ? "sample" : dataset.latestVersion === null ? null : `v${dataset.latestVersion.number}`;
  const details = [what, rows].filter((part) => part !== null).join(", ");
  return { value: dataset.nameReference, label: details === "" ? dataset.name : `${dataset.name} (${details})` };
}
