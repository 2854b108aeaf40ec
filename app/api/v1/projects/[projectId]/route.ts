import { withActor } from "@/server/http";
import { getProjectOverview } from "@/server/projects";

export const GET = withActor<{ params: Promise<{ projectId: string }> }>(async (_req, { actor, params }) => {
  const { project, access } = await getProjectOverview(actor, (await params).projectId);
  return {
    id: project.id,
    slug: project.slug,
    name: project.name,
    description: project.description,
    role: access.role,
    targets: project.targets.map((t) => ({ key: t.key, name: t.name })),
    documents: project.documents.map((d) => ({ id: d.id, title: d.title, outlet: d.outlet, segments: d._count.segments })),
  };
});
