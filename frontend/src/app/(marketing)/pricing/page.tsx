import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { Faq } from "@/components/marketing/faq";
import { PricingCards } from "@/components/marketing/pricing-cards";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pricing");
  return { title: t("title") };
}

export default async function PricingPage() {
  const t = await getTranslations("pricing");
  const faq = await getTranslations("marketing.faq");
  return (
    <div className="mx-auto max-w-6xl space-y-20 px-4 py-16 sm:px-6 md:py-24">
      <div className="mx-auto max-w-2xl space-y-3 text-center">
        <h1 className="text-4xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="text-lg text-muted-foreground">{t("subtitle")}</p>
      </div>
      <PricingCards />
      <p className="text-center text-sm text-muted-foreground">{t("note")}</p>
      <section className="mx-auto max-w-3xl">
        <h2 className="mb-8 text-center text-2xl font-semibold tracking-tight">{faq("title")}</h2>
        <Faq />
      </section>
    </div>
  );
}
