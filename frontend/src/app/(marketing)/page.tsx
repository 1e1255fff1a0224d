import Link from "next/link";
import { ArrowRight, CalendarCheck } from "lucide-react";
import { getTranslations } from "next-intl/server";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { ChatMockup } from "@/components/marketing/chat-mockup";
import { Faq } from "@/components/marketing/faq";
import { PricingCards } from "@/components/marketing/pricing-cards";
import { features, steps } from "@/config/site";

export default async function LandingPage() {
  const t = await getTranslations("marketing");
  return (
    <>
      <section className="relative overflow-hidden">
        <div className="absolute inset-x-0 top-0 -z-10 h-[32rem] bg-gradient-to-b from-accent/70 to-transparent" />
        <div className="mx-auto grid max-w-6xl items-center gap-12 px-4 py-16 sm:px-6 md:py-24 lg:grid-cols-[1.1fr_0.9fr]">
          <div className="space-y-8">
            <Badge variant="secondary" className="gap-1.5 px-3 py-1 text-xs">
              <span className="size-1.5 rounded-full bg-emerald-500" />
              {t("hero.badge")}
            </Badge>
            <h1 className="text-4xl font-semibold tracking-tight text-balance sm:text-5xl lg:text-6xl" data-testid="hero-title">
              {t("hero.title")}
            </h1>
            <p className="max-w-xl text-lg text-muted-foreground">{t("hero.subtitle")}</p>
            <div className="flex flex-col gap-3 sm:flex-row">
              <Button asChild size="lg" variant="outline">
                <a href={`mailto:${t("hero.demoEmail")}?subject=${encodeURIComponent(t("hero.demoSubject"))}`}>
                  <CalendarCheck />
                  {t("hero.demo")}
                </a>
              </Button>
              <Button asChild size="lg">
                <Link href="/register">
                  {t("hero.start")}
                  <ArrowRight />
                </Link>
              </Button>
            </div>
            <p className="text-sm text-muted-foreground">{t("hero.note")}</p>
          </div>
          <ChatMockup />
        </div>
      </section>

      <section id="features" className="mx-auto max-w-6xl scroll-mt-20 px-4 py-16 sm:px-6 md:py-24">
        <div className="mx-auto mb-12 max-w-2xl space-y-3 text-center">
          <h2 className="text-3xl font-semibold tracking-tight">{t("features.title")}</h2>
          <p className="text-lg text-muted-foreground">{t("features.subtitle")}</p>
        </div>
        <div className="grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
          {features.map(({ id, icon: Icon }) => (
            <Card key={id} className="transition-all duration-200 hover:-translate-y-[1px] hover:shadow-md">
              <CardContent className="space-y-4">
                <div className="flex size-11 items-center justify-center rounded-xl bg-accent text-primary">
                  <Icon className="size-5" aria-hidden />
                </div>
                <h3 className="text-lg font-semibold">{t(`features.${id}.title`)}</h3>
                <p className="text-sm text-muted-foreground">{t(`features.${id}.body`)}</p>
              </CardContent>
            </Card>
          ))}
        </div>
      </section>

      <section className="border-y bg-muted/40">
        <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6 md:py-20">
          <h2 className="mb-10 text-center text-3xl font-semibold tracking-tight">{t("steps.title")}</h2>
          <ol className="grid gap-6 md:grid-cols-3">
            {steps.map(({ id, icon: Icon }, index) => (
              <li key={id} className="flex gap-4 rounded-2xl border bg-card p-6 shadow-sm">
                <div className="flex size-10 shrink-0 items-center justify-center rounded-full bg-primary text-sm font-semibold text-primary-foreground">
                  {index + 1}
                </div>
                <div className="space-y-1">
                  <h3 className="flex items-center gap-2 font-semibold">
                    <Icon className="size-4 text-primary" aria-hidden />
                    {t(`steps.${id}.title`)}
                  </h3>
                  <p className="text-sm text-muted-foreground">{t(`steps.${id}.body`)}</p>
                </div>
              </li>
            ))}
          </ol>
        </div>
      </section>

      <section id="pricing" className="mx-auto max-w-6xl scroll-mt-20 px-4 py-16 sm:px-6 md:py-24">
        <div className="mx-auto mb-12 max-w-2xl space-y-3 text-center">
          <h2 className="text-3xl font-semibold tracking-tight">{t("pricingTeaser.title")}</h2>
          <p className="text-lg text-muted-foreground">{t("pricingTeaser.subtitle")}</p>
        </div>
        <PricingCards />
        <p className="mt-8 text-center">
          <Button asChild variant="link">
            <Link href="/pricing">
              {t("pricingTeaser.more")} <ArrowRight />
            </Link>
          </Button>
        </p>
      </section>

      <section id="faq" className="mx-auto max-w-3xl scroll-mt-20 px-4 pb-16 sm:px-6 md:pb-24">
        <h2 className="mb-8 text-center text-3xl font-semibold tracking-tight">{t("faq.title")}</h2>
        <Faq />
      </section>

      <section className="mx-auto max-w-6xl px-4 pb-20 sm:px-6">
        <div className="flex flex-col items-center gap-6 rounded-3xl bg-primary px-6 py-14 text-center text-primary-foreground shadow-lg">
          <h2 className="max-w-2xl text-3xl font-semibold tracking-tight text-balance">{t("cta.title")}</h2>
          <p className="max-w-xl text-primary-foreground/85">{t("cta.body")}</p>
          <Button asChild size="lg" variant="secondary">
            <Link href="/register">
              {t("hero.start")} <ArrowRight />
            </Link>
          </Button>
        </div>
      </section>
    </>
  );
}
