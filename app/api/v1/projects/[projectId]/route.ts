import { otherMethods, withActor } from "@/server/http";
import { getProjectOverview } from "@/server/projects";
import { listDocumentsForAnnotator } from "@/server/workspace";

export const GET = withActor<{ params: Promise<{ projectId: string }> }>(async (_req, { actor, params }) => {
  const { project, access } = await getProjectOverview(actor, (await params).projectId);
  const { documents } = await listDocumentsForAnnotator(actor, project.id);
  return {
    id: project.id,
    slug: project.slug,
    name: project.name,
    description: project.description,
    role: access.role,
    targets: project.targets.map((t) => ({ key: t.key, name: t.name })),
    documents: documents.map((d) => ({
      id: d.id,
      title: d.title,
      outlet: d.outlet,
      story: d.story,
      sentences: d.sentences,
      completed: d.completed,
      sentBack: d.sentBack,
      status: d.status,
    })),
  };
});

/** Other methods: 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
