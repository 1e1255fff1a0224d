import { CheckCheck } from "lucide-react";
import { getTranslations } from "next-intl/server";

/** Static illustration of a WhatsApp conversation answered by the assistant. */
export async function ChatMockup() {
  const t = await getTranslations("marketing.mockup");
  return (
    <div aria-hidden className="relative mx-auto w-full max-w-sm">
      <div className="absolute -inset-6 -z-10 rounded-[2.5rem] bg-gradient-to-br from-primary/25 via-primary/5 to-emerald-400/20 blur-2xl" />
      <div className="overflow-hidden rounded-3xl border bg-card shadow-xl">
        <div className="flex items-center gap-3 bg-emerald-700 px-4 py-3 text-white">
          <div className="flex size-9 items-center justify-center rounded-full bg-emerald-900 text-sm font-semibold">GD</div>
          <div>
            <p className="text-sm font-semibold">{t("business")}</p>
            <p className="text-xs text-white/90">{t("online")}</p>
          </div>
        </div>
        <div className="space-y-3 bg-[#efeae2] p-4 text-sm dark:bg-slate-900">
          <p className="max-w-[80%] rounded-2xl rounded-tl-sm bg-white px-3 py-2 text-slate-800 shadow-sm dark:bg-slate-800 dark:text-slate-100">
            {t("q1")}
          </p>
          <div className="ml-auto max-w-[85%] rounded-2xl rounded-tr-sm bg-[#d9fdd3] px-3 py-2 text-slate-800 shadow-sm dark:bg-emerald-900 dark:text-emerald-50">
            {t("a1")}
            <span className="mt-1 flex items-center justify-end gap-1 text-[10px] text-slate-600 dark:text-emerald-200/70">
              09:41 <CheckCheck className="size-3.5 text-sky-500" />
            </span>
          </div>
          <p className="max-w-[80%] rounded-2xl rounded-tl-sm bg-white px-3 py-2 text-slate-800 shadow-sm dark:bg-slate-800 dark:text-slate-100">
            {t("q2")}
          </p>
          <div className="ml-auto max-w-[85%] rounded-2xl rounded-tr-sm bg-[#d9fdd3] px-3 py-2 text-slate-800 shadow-sm dark:bg-emerald-900 dark:text-emerald-50">
            {t("a2")}
            <span className="mt-1 flex items-center justify-end gap-1 text-[10px] text-slate-600 dark:text-emerald-200/70">
              09:42 <CheckCheck className="size-3.5 text-sky-500" />
            </span>
          </div>
        </div>
      </div>
    </div>
  );
}
