import { withActor } from "@/server/http";
import { listProjects } from "@/server/projects";

export const GET = withActor(async (_req, { actor }) => ({ projects: await listProjects(actor) }));
