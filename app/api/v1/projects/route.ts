import { otherMethods, withActor } from "@/server/http";
import { listProjects } from "@/server/projects";

export const GET = withActor(async (_req, { actor }) => ({ projects: await listProjects(actor) }));

/** Other methods: 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
