import Link from "next/link";

/** The heading of a project's section page (Models, Labeling, Connections) with its way back to the project. */
export function ProjectSectionHeader({ projectId, title }: { projectId: string; title: string }) {
  return (
    <div className="flex items-center justify-between">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <Link href={`/projects/${projectId}`} className="text-sm text-indigo-700 hover:underline">
        Back to project
      </Link>
    </div>
  );
}
