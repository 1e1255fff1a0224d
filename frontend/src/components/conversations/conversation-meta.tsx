"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";

import { customerId, SourceBadge, StatusBadge } from "@/components/conversations/conversation-badges";
import type { Conversation } from "@/lib/api/types";
import { phoneHref } from "@/lib/phone";

export type MetaRow = [label: string, value: React.ReactNode];

/** The customer's id: a WhatsApp number to call (tel: link), a widget visitor's shortened id. */
export function CustomerId({ conversation }: { conversation: Conversation }) {
  const id = customerId(conversation);
  if (conversation.source !== "whatsapp") return <span className="font-mono text-xs">{id}</span>;
  return (
    <a href={phoneHref(conversation.external_user_id)} className="text-primary tabular-nums hover:underline" data-testid="customer-phone">
      {id}
    </a>
  );
}

/**
 * A conversation's details as label/value rows: channel, status, customer, messages, start and
 * lead; `rows` come after the customer (the inbox adds the bot and the assignee), and the
 * channel's own details (e.g. the widget's page) last.
 */
export function ConversationMeta({ conversation, rows = [] }: { conversation: Conversation; rows?: MetaRow[] }) {
  const t = useTranslations("conversations.meta");
  const format = useFormatter();
  const extra = Object.entries(conversation.metadata ?? {}).filter(([, v]) => typeof v === "string" || typeof v === "number");
  const all: MetaRow[] = [
    [t("source"), <SourceBadge key="s" source={conversation.source} />],
    [t("status"), <StatusBadge key="st" status={conversation.status} />],
    [t("user"), <CustomerId key="u" conversation={conversation} />],
    ...rows,
    [t("messages"), conversation.message_count],
    [t("started"), format.dateTime(new Date(conversation.created_at), { dateStyle: "medium", timeStyle: "short" })],
    [
      t("lead"),
      conversation.has_lead ? (
        <Link key="l" href="/dashboard/leads" className="text-primary hover:underline">
          {t("leadYes")}
        </Link>
      ) : (
        t("leadNo")
      ),
    ],
    ...extra.map(([key, value]): MetaRow => [key, String(value)]),
  ];
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2.5 text-sm" data-testid="conversation-meta">
      {all.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-muted-foreground">{label}</dt>
          <dd className="min-w-0 justify-self-end truncate text-right">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
