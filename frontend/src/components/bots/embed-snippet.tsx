"use client";

import { Code2 } from "lucide-react";
import { useTranslations } from "next-intl";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/shared/copy-button";
import { embedSnippet } from "@/lib/env";

export function EmbedSnippet({ publicKey }: { publicKey: string }) {
  const t = useTranslations("bots.embed");
  const snippet = embedSnippet(publicKey);
  return (
    <Card>
      <CardHeader className="flex flex-row items-start justify-between gap-4">
        <div className="space-y-1.5">
          <CardTitle className="flex items-center gap-2 text-lg">
            <Code2 className="size-5 text-primary" aria-hidden /> {t("title")}
          </CardTitle>
          <CardDescription>{t("subtitle")}</CardDescription>
        </div>
        <CopyButton value={snippet} />
      </CardHeader>
      <CardContent>
        <pre
          className="overflow-x-auto rounded-xl bg-muted p-4 font-mono text-xs leading-relaxed whitespace-pre-wrap break-all"
          data-testid="embed-snippet"
        >
          {snippet}
        </pre>
      </CardContent>
    </Card>
  );
}
