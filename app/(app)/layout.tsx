import { pageActor } from "@/server/http";
import { AppHeader } from "@/components/ui/AppHeader";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await pageActor();
  return (
    <>
      <AppHeader actor={actor} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
