import Link from "next/link";
import { Alert } from "@/components/ui/Alert";

/** What fills a labeling queue, for a project that has none yet. */
export function LabelingEmptyState({ projectId }: { projectId: string }) {
  return (
    <Alert tone="info">
      No labeling queues yet. Add an <strong>Uncertainty sampler</strong> node to a pipeline (stage Label): connect a trained classifier and a table of
      unlabelled rows, name the queue, and run the pipeline <strong>on the server</strong>. The rows the model is least sure about then appear here for editors
      to label, one key per class. Open a pipeline from the{" "}
      <Link href={`/projects/${projectId}`} className="underline">
        project page
      </Link>{" "}
      to start.
    </Alert>
  );
}
