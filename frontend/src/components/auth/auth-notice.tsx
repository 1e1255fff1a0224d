import Link from "next/link";
import { CircleCheck, MailCheck, TriangleAlert, type LucideIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/utils";

const tones: Record<"mail" | "success" | "error", { icon: LucideIcon; className: string }> = {
  mail: { icon: MailCheck, className: "bg-accent text-primary" },
  success: { icon: CircleCheck, className: "bg-success/15 text-success" },
  error: { icon: TriangleAlert, className: "bg-destructive/10 text-destructive" },
};

/**
 * The outcome of an auth step, in the auth pages' card: "check your mail", done, or a link that
 * no longer works. Announced to screen readers when it replaces the form. Below it, `link` (the
 * way on, as a button) and then any other `actions`.
 */
export function AuthNotice({
  tone,
  title,
  children,
  link,
  actions,
  testId,
}: {
  tone: keyof typeof tones;
  title: string;
  children: React.ReactNode;
  link?: { href: string; label: string };
  actions?: React.ReactNode;
  testId?: string;
}) {
  const { icon: Icon, className } = tones[tone];
  return (
    <Card className="shadow-lg" data-testid={testId}>
      <CardHeader className="items-center text-center" role={tone === "error" ? "alert" : "status"}>
        <div className={cn("mx-auto mb-2 flex size-12 items-center justify-center rounded-2xl", className)}>
          <Icon className="size-6" aria-hidden />
        </div>
        <CardTitle className="text-2xl">{title}</CardTitle>
        <CardDescription className="text-balance">{children}</CardDescription>
      </CardHeader>
      {(link || actions) && (
        <CardContent>
          <div className="flex flex-col gap-2">
            {link && (
              <Button asChild>
                <Link href={link.href}>{link.label}</Link>
              </Button>
            )}
            {actions}
          </div>
        </CardContent>
      )}
    </Card>
  );
}
