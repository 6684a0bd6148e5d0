import { NotebookEditor } from "@/components/notebook/NotebookEditor";

export default async function NotebookPage({ params }: { params: Promise<{ projectId: string; notebookId: string }> }) {
  const { projectId, notebookId } = await params;
  return <NotebookEditor projectId={projectId} notebookId={notebookId} />;
}
