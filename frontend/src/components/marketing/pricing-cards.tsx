import Link from "next/link";
import { Check } from "lucide-react";
import { getFormatter, getTranslations } from "next-intl/server";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { plans } from "@/config/site";
import { cn } from "@/lib/utils";

export async function PricingCards() {
  const t = await getTranslations("pricing");
  const format = await getFormatter();
  return (
    <div className="grid gap-6 md:grid-cols-3">
      {plans.map((plan) => (
        <Card
          key={plan.id}
          data-testid={`plan-${plan.id}`}
          className={cn(
            "relative transition-all duration-200 hover:-translate-y-[1px] hover:shadow-md",
            plan.highlighted && "border-primary shadow-md ring-1 ring-primary/30",
          )}
        >
          <CardHeader>
            <div className="flex items-center justify-between gap-2">
              <CardTitle className="text-lg">{t(`plans.${plan.id}.name`)}</CardTitle>
              {plan.highlighted && <Badge>{t("popular")}</Badge>}
            </div>
            <CardDescription>{t(`plans.${plan.id}.description`)}</CardDescription>
          </CardHeader>
          <CardContent className="flex-1 space-y-6">
            <p className="flex items-baseline gap-1">
              <span className="text-4xl font-semibold tracking-tight">
                {format.number(plan.price, { style: "currency", currency: "TRY", maximumFractionDigits: 0 })}
              </span>
              <span className="text-sm text-muted-foreground">{t("perMonth")}</span>
            </p>
            <ul className="space-y-2.5 text-sm">
              {plan.features.map((feature) => (
                <li key={feature} className="flex items-start gap-2">
                  <Check className="mt-0.5 size-4 shrink-0 text-primary" aria-hidden />
                  {t(`features.${feature}`)}
                </li>
              ))}
            </ul>
          </CardContent>
          <CardFooter>
            <Button asChild className="w-full" variant={plan.highlighted ? "default" : "outline"}>
              <Link href="/register">{t("choose")}</Link>
            </Button>
          </CardFooter>
        </Card>
      ))}
    </div>
  );
}
