import type { Metadata } from "next";
import { Scale } from "lucide-react";
import { getFormatter, getMessages, getTranslations } from "next-intl/server";

import { Notice } from "@/components/shared/notice";
import { legalUpdated, type LegalDoc } from "@/config/site";

/**
 * One section of a legal text as the messages hold it: a `title`, then in order paragraphs
 * (strings) and bulleted lists (objects of strings).
 */
type LegalSection = { title: string } & Record<string, string | Record<string, string>>;

export async function legalMetadata(doc: LegalDoc): Promise<Metadata> {
  const t = await getTranslations("legal");
  return { title: t(`${doc}.title`), description: t(`${doc}.intro`) };
}

function SectionBody({ section }: { section: LegalSection }) {
  return Object.entries(section).map(([key, value]) => {
    if (key === "title") return null;
    if (typeof value === "string") return <p key={key}>{value}</p>;
    return (
      <ul key={key} className="list-disc space-y-2 pl-5 marker:text-muted-foreground">
        {Object.entries(value).map(([item, text]) => (
          <li key={item}>{text}</li>
        ))}
      </ul>
    );
  });
}

/**
 * A legal text of the marketing site (privacy notice, terms of use, data processing agreement)
 * in the visitor's language: title, date, a table of contents and numbered sections, at a
 * readable line length.
 */
export async function LegalPage({ doc }: { doc: LegalDoc }) {
  const t = await getTranslations("legal");
  const format = await getFormatter();
  // The sections as they are, not formatted: plain text, in the order the messages give them.
  const sections = Object.entries((await getMessages()).legal[doc].sections) as [string, LegalSection][];
  const updated = format.dateTime(new Date(`${legalUpdated}T12:00:00Z`), { dateStyle: "long" });
  const tocId = `${doc}-toc`;

  return (
    <div className="mx-auto max-w-6xl px-4 py-12 break-words sm:px-6 md:py-16" data-testid={`legal-${doc}`}>
      <header className="max-w-prose space-y-4">
        <p className="text-sm font-medium text-primary">{t("eyebrow")}</p>
        <h1 className="text-3xl font-semibold tracking-tight text-balance sm:text-4xl">{t(`${doc}.title`)}</h1>
        <p className="text-sm text-muted-foreground">
          <time dateTime={legalUpdated}>{t("updated", { date: updated })}</time>
        </p>
        <p className="text-lg leading-8">{t(`${doc}.intro`)}</p>
        <Notice tone="info" icon={Scale} role="note">
          <span>{t("reviewNote")}</span>
        </Notice>
      </header>
      <div className="mt-12 grid gap-10 lg:grid-cols-[15rem_minmax(0,1fr)] lg:gap-14">
        <nav aria-labelledby={tocId} className="h-fit rounded-2xl border bg-card p-5 lg:sticky lg:top-24">
          <h2 id={tocId} className="text-sm font-semibold">
            {t("toc")}
          </h2>
          <ol className="mt-3 list-decimal space-y-2 pl-5 text-sm marker:text-muted-foreground">
            {sections.map(([id, section]) => (
              <li key={id}>
                <a href={`#${id}`} className="text-muted-foreground underline-offset-4 hover:text-foreground hover:underline">
                  {section.title}
                </a>
              </li>
            ))}
          </ol>
        </nav>
        <div className="min-w-0 max-w-prose space-y-10 leading-7">
          {sections.map(([id, section], index) => (
            <section key={id} id={id} aria-labelledby={`${id}-title`} className="scroll-mt-24 space-y-4">
              <h2 id={`${id}-title`} className="text-xl font-semibold tracking-tight">
                {index + 1}. {section.title}
              </h2>
              <SectionBody section={section} />
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}
