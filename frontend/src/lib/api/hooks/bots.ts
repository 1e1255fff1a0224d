"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/hooks/keys";
import type { Bot, BotCreate, BotUpdate } from "@/lib/api/types";

export function useBots() {
  return useQuery({
    queryKey: queryKeys.bots,
    queryFn: async () => (await unwrap(api.GET("/bots"))).items,
  });
}

export function useBot(botId: string) {
  const client = useQueryClient();
  return useQuery({
    queryKey: queryKeys.bot(botId),
    queryFn: () => unwrap(api.GET("/bots/{bot_id}", { params: { path: { bot_id: botId } } })),
    initialData: () => client.getQueryData<Bot[]>(queryKeys.bots)?.find((bot) => bot.id === botId),
  });
}

function useStoreBot() {
  const client = useQueryClient();
  return (bot: Bot) => {
    client.setQueryData(queryKeys.bot(bot.id), bot);
    client.setQueryData<Bot[]>(queryKeys.bots, (bots) => bots?.map((b) => (b.id === bot.id ? bot : b)));
  };
}

export function useCreateBot() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BotCreate) => unwrap(api.POST("/bots", { body })),
    onSuccess: (bot) => {
      client.setQueryData<Bot[]>(queryKeys.bots, (bots) => (bots ? [bot, ...bots] : [bot]));
      void client.invalidateQueries({ queryKey: queryKeys.stats });
    },
  });
}

export function useUpdateBot(botId: string) {
  const store = useStoreBot();
  return useMutation({
    mutationFn: (body: BotUpdate) => unwrap(api.PUT("/bots/{bot_id}", { params: { path: { bot_id: botId } }, body })),
    onSuccess: store,
  });
}

export function useRotateKey(botId: string) {
  const store = useStoreBot();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/bots/{bot_id}/rotate-key", { params: { path: { bot_id: botId } } })),
    onSuccess: store,
  });
}

export function useDeleteBot() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (botId: string) => unwrap(api.DELETE("/bots/{bot_id}", { params: { path: { bot_id: botId } } })),
    onSuccess: (_, botId) => {
      client.setQueryData<Bot[]>(queryKeys.bots, (bots) => bots?.filter((b) => b.id !== botId));
      client.removeQueries({ queryKey: queryKeys.bot(botId) });
      void client.invalidateQueries({ queryKey: queryKeys.stats });
      void client.invalidateQueries({ queryKey: queryKeys.leads() });
    },
  });
}

export function useBotTest(botId: string) {
  return useMutation({
    mutationFn: (message: string) =>
      unwrap(api.POST("/bots/{bot_id}/test", { params: { path: { bot_id: botId } }, body: { message } })),
  });
}
