"use client";

import { useTranslations } from "next-intl";
import { useTheme } from "next-themes";
import { Toaster as Sonner, type ToasterProps } from "sonner";

function Toaster(props: ToasterProps) {
  const { theme = "system" } = useTheme();
  const t = useTranslations("common");
  return (
    <Sonner
      theme={theme as ToasterProps["theme"]}
      className="toaster group"
      richColors
      closeButton
      containerAriaLabel={t("notifications")}
      toastOptions={{ closeButtonAriaLabel: t("close") }}
      style={
        {
          "--normal-bg": "var(--popover)",
          "--normal-text": "var(--popover-foreground)",
          "--normal-border": "var(--border)",
          "--border-radius": "1rem",
          // The rich colours' text in the dashboard's own tones, which keep 4.5:1 on sonner's
          // tinted backgrounds in both themes (sonner's light ones fall short).
          "--success-text": "var(--success)",
          "--error-text": "var(--destructive)",
          "--warning-text": "var(--warning)",
          "--info-text": "var(--primary)",
        } as React.CSSProperties
      }
      {...props}
    />
  );
}

export { Toaster };
