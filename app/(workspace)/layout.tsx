import { pageActor } from "@/server/http";
import { AppHeader } from "@/components/ui/AppHeader";

/** Full-width layout for the annotation screen. */
export default async function WorkspaceLayout({ children }: { children: React.ReactNode }) {
  const actor = await pageActor();
  return (
    <>
      <AppHeader actor={actor} />
      <main id="main">{children}</main>
    </>
  );
}
