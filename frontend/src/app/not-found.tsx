import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { House, LayoutDashboard, SearchX } from "lucide-react";
import { getTranslations } from "next-intl/server";

import { Button } from "@/components/ui/button";
import { Logo } from "@/components/shared/logo";
import { refreshCookieName } from "@/lib/server/session-cookie";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("notFound");
  return { title: t("metaTitle") };
}

/**
 * Every unknown URL (and any `notFound()`), in the visitor's language. Both ways out are
 * offered; the one a signed-in visitor most likely wants (the dashboard, when the session
 * cookie is there) comes first. Server-only markup: Next.js ships this file with every route.
 */
export default async function NotFound() {
  const t = await getTranslations("notFound");
  const signedIn = (await cookies()).has(refreshCookieName);
  const home = (
    <Button key="home" asChild variant={signedIn ? "outline" : "default"}>
      <Link href="/">
        <House /> {t("home")}
      </Link>
    </Button>
  );
  const dashboard = (
    <Button key="dashboard" asChild variant={signedIn ? "default" : "outline"}>
      <Link href="/dashboard">
        <LayoutDashboard /> {t("dashboard")}
      </Link>
    </Button>
  );
  return (
    <div className="flex min-h-dvh flex-col bg-gradient-to-b from-accent/60 to-background">
      <header className="mx-auto flex h-16 w-full max-w-6xl items-center px-4 sm:px-6">
        <Logo />
      </header>
      <main className="flex flex-1 items-center justify-center px-4 py-10">
        <div className="flex w-full max-w-md flex-col items-center gap-6 text-center" data-testid="not-found">
          <div className="flex size-16 items-center justify-center rounded-2xl bg-accent text-primary">
            <SearchX className="size-7" aria-hidden />
          </div>
          <div className="space-y-2">
            <p className="text-sm font-semibold tracking-widest text-primary">404</p>
            <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{t("title")}</h1>
            <p className="text-sm text-muted-foreground sm:text-base">{t("body")}</p>
          </div>
          <div className="flex flex-wrap items-center justify-center gap-2">
            {signedIn ? [dashboard, home] : [home, dashboard]}
          </div>
        </div>
      </main>
    </div>
  );
}
