//! A WhatsApp customer as the reply worker meets them: everything answering them needs, read
//! in one round trip.

use crate::keys;
use crate::state::AppState;

/// What answering a customer needs, read in one round trip: the bot (`None` when deleted or
/// being deleted), the tenant, and the customer's conversation: `known` (the id a warm
/// container remembers) if it still exists, else the id the customer's pointer names.
pub struct CustomerContext {
    pub bot: Option<super::bots::Bot>,
    pub tenant: Option<super::tenants::TenantRecord>,
    pub conversation: Option<super::conversations::Conversation>,
    pub pointed: Option<crate::ids::ConversationId>,
}

pub async fn customer_context(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    bot_id: &crate::ids::BotId,
    source: super::conversations::Source,
    customer: &str,
    known: Option<&crate::ids::ConversationId>,
) -> anyhow::Result<CustomerContext> {
    let third = match known {
        Some(id) => keys::conversation(tenant_id, id),
        None => keys::visitor(tenant_id, bot_id, source.as_str(), customer),
    };
    let [bot, tenant, third]: [Option<super::Item>; 3] =
        super::batch::get_many(state, &[keys::bot(tenant_id, bot_id), keys::tenant(tenant_id), third])
            .await?
            .try_into()
            .map_err(|_| anyhow::anyhow!("a batch read returned the wrong number of items"))?;
    let (conversation, pointed) = match (known, third) {
        (Some(_), item) => (item.map(super::from_item::<super::conversations::Conversation>).transpose()?, None),
        (None, item) => (None, item.map(super::conversations::pointed_conversation).transpose()?),
    };
    Ok(CustomerContext {
        bot: bot.map(super::from_item::<super::bots::Bot>).transpose()?.filter(|b| !b.deleting),
        tenant: tenant.map(super::from_item).transpose()?,
        conversation,
        pointed,
    })
}
