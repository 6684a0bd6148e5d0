import { ProjectList } from "@/components/projects/ProjectList";

export default function ProjectsPage() {
  return <ProjectList />;
}
