import type { WorkspaceData } from "@/server/workspace";

/** What the server page hands the client workspace (plain JSON). */
export interface WorkspaceProps {
  data: Omit<WorkspaceData, "access"> & { role: WorkspaceData["access"]["role"] };
  userId: string;
}
export type Segment = WorkspaceProps["data"]["segments"][number];
