import { getTranslations } from "next-intl/server";

import { Accordion, AccordionContent, AccordionItem, AccordionTrigger } from "@/components/ui/accordion";
import { faqIds } from "@/config/site";

export async function Faq() {
  const t = await getTranslations("marketing.faq");
  return (
    <Accordion type="single" collapsible className="rounded-2xl border bg-card px-6 shadow-sm">
      {faqIds.map((id) => (
        <AccordionItem key={id} value={id}>
          <AccordionTrigger>{t(`items.${id}.q`)}</AccordionTrigger>
          <AccordionContent>{t(`items.${id}.a`)}</AccordionContent>
        </AccordionItem>
      ))}
    </Accordion>
  );
}
