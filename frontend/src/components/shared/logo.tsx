import Link from "next/link";
import { MessageCircle } from "lucide-react";

import { cn } from "@/lib/utils";

export function Logo({ href = "/", className }: { href?: string; className?: string }) {
  return (
    <Link href={href} className={cn("flex items-center gap-2 rounded-lg font-semibold tracking-tight outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50", className)}>
      <span className="flex size-8 items-center justify-center rounded-xl bg-primary text-primary-foreground shadow-sm">
        <MessageCircle className="size-4.5" aria-hidden />
      </span>
      <span className="text-lg">
        Svont<span className="text-primary">Ai</span>
      </span>
    </Link>
  );
}
