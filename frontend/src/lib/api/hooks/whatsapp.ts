"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/hooks/keys";
import { toApiError } from "@/lib/api/problem";
import type { WhatsAppIntegrationInput } from "@/lib/api/types";

/** The bot's integration, or null when none is configured (the API answers 404). */
export function useWhatsAppIntegration(botId: string | null) {
  return useQuery({
    queryKey: queryKeys.whatsapp(botId ?? "none"),
    enabled: botId !== null,
    queryFn: async () => {
      const { data, error, response } = await api.GET("/bots/{bot_id}/whatsapp-integration", {
        params: { path: { bot_id: botId! } },
      });
      if (response.status === 404) return null;
      if (!response.ok || !data) throw toApiError(error, response);
      return data;
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
