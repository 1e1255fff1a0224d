"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, authFetch, unwrap } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/hooks/keys";
import { toApiError } from "@/lib/api/problem";
import type { WhatsAppIntegration, WhatsAppIntegrationInput } from "@/lib/api/types";

/**
 * The bot's integration, or null when none is configured. Read through the dashboard's own
 * /api/whatsapp-integration route, which turns the API's 404 for "no integration" into
 * `{ integration: null }`: fetched directly, that expected 404 would be logged as a console error
 * on every visit of the settings tab. authFetch adds the token and tenant and retries after a 401.
 */
export function useWhatsAppIntegration(botId: string | null) {
  return useQuery({
    queryKey: queryKeys.whatsapp(botId ?? "none"),
    enabled: botId !== null,
    queryFn: async (): Promise<WhatsAppIntegration | null> => {
      const response = await authFetch(
        new Request(`/api/whatsapp-integration/${encodeURIComponent(botId!)}`, { headers: { Accept: "application/json" } }),
      );
      const body: unknown = await response.json().catch(() => null);
      if (!response.ok || !body || typeof body !== "object" || !("integration" in body)) throw toApiError(body, response);
      return (body as { integration: WhatsAppIntegration | null }).integration;
    },
  });
}

export function useSaveWhatsAppIntegration(botId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: WhatsAppIntegrationInput) =>
      unwrap(api.PUT("/bots/{bot_id}/whatsapp-integration", { params: { path: { bot_id: botId } }, body })),
    onSuccess: (integration) => client.setQueryData(queryKeys.whatsapp(botId), integration),
  });
}

export function useDeleteWhatsAppIntegration(botId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/bots/{bot_id}/whatsapp-integration", { params: { path: { bot_id: botId } } })),
    onSuccess: () => client.setQueryData(queryKeys.whatsapp(botId), null),
  });
}

export function useTestWhatsAppIntegration(botId: string) {
  return useMutation({
    mutationFn: () => unwrap(api.POST("/bots/{bot_id}/whatsapp-integration/test", { params: { path: { bot_id: botId } } })),
  });
}

export type EmbeddedSignupResult = { code: string; phone_number_id: string; business_account_id: string };

export function useEmbeddedSignup(botId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: EmbeddedSignupResult) =>
      unwrap(api.POST("/bots/{bot_id}/whatsapp-integration/embedded-signup", { params: { path: { bot_id: botId } }, body })),
    onSuccess: (integration) => client.setQueryData(queryKeys.whatsapp(botId), integration),
  });
}
