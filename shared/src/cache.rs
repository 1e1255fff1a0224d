//! What a warm container remembers between invocations, in one kind of small bounded cache on
//! the application state: a bot's knowledge index, tenants' Meta credentials, WhatsApp template
//! listings, and which conversation a WhatsApp customer has.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A map with a capacity and (optionally) a time to live. Past its capacity the oldest quarter
/// of its entries is dropped, so a container serving many tenants keeps the recent ones.
pub struct Cache<K, V> {
    entries: Mutex<HashMap<K, (Instant, V)>>,
    capacity: usize,
    ttl: Option<Duration>,
}

impl<K: Eq + Hash + Clone, V: Clone> Cache<K, V> {
    pub fn new(capacity: usize, ttl: Option<Duration>) -> Self {
        Self { entries: Mutex::new(HashMap::new()), capacity: capacity.max(1), ttl }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<K, (Instant, V)>> {
        // A panic while holding the lock leaves a map that is still whole.
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn fresh(&self, at: Instant) -> bool {
        self.ttl.is_none_or(|ttl| at.elapsed() < ttl)
    }

    /// The value for `key`, unless it is missing or has expired.
    pub fn get(&self, key: &K) -> Option<V> {
        let mut entries = self.lock();
        match entries.get(key) {
            Some((at, value)) if self.fresh(*at) => Some(value.clone()),
            Some(_) => {
                entries.remove(key);
                None
            }
            None => None,
        }
    }

    pub fn insert(&self, key: K, value: V) {
        let mut entries = self.lock();
        if entries.len() >= self.capacity && !entries.contains_key(&key) {
            entries.retain(|_, (at, _)| self.ttl.is_none_or(|ttl| at.elapsed() < ttl));
            if entries.len() >= self.capacity {
                let mut ages: Vec<(Instant, K)> = entries.iter().map(|(k, (at, _))| (*at, k.clone())).collect();
                ages.sort_by_key(|(at, _)| *at);
                for (_, k) in ages.into_iter().take(self.capacity.div_ceil(4)) {
                    entries.remove(&k);
                }
            }
        }
        entries.insert(key, (Instant::now(), value));
    }

    /// Keeps only the entries whose key passes `keep`.
    pub fn retain(&self, keep: impl Fn(&K) -> bool) {
        self.lock().retain(|k, _| keep(k));
    }

    pub fn clear(&self) {
        self.lock().clear();
    }

    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A WhatsApp customer of a bot: (tenant, bot, customer's number).
pub type Customer = (crate::ids::TenantId, crate::ids::BotId, String);

/// The caches of one container (shared by clones of the state).
pub struct Caches {
    /// A bot's knowledge base and index, by (tenant, bot), with the knowledge version it was built at.
    pub knowledge: Cache<(crate::ids::TenantId, crate::ids::BotId), (u64, Arc<crate::ai::KnowledgeBase>)>,
    /// Tenants' Meta credentials by (secret, version); a rotated token is picked up after 5 minutes.
    pub credentials: Cache<(String, Option<String>), crate::whatsapp::credentials::Credentials>,
    /// A business account's sendable templates by (account, credentials version), 5 minutes.
    pub templates: Cache<(String, String), Vec<crate::whatsapp::templates::Template>>,
    /// Which conversation a WhatsApp customer has (a pointer never changes while its
    /// conversation exists; a deleted one is noticed on read).
    pub conversations: Cache<Customer, crate::ids::ConversationId>,
}

impl Default for Caches {
    fn default() -> Self {
        let five_minutes = Some(Duration::from_secs(300));
        Self {
            knowledge: Cache::new(256, None),
            credentials: Cache::new(1024, five_minutes),
            templates: Cache::new(256, five_minutes),
            conversations: Cache::new(10_000, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_cache_drops_its_oldest_quarter_and_keeps_the_newest() {
        let cache: Cache<u32, u32> = Cache::new(8, None);
        for i in 0..8 {
            cache.insert(i, i * 10);
            std::thread::sleep(Duration::from_millis(1));
        }
        cache.insert(8, 80);
        assert_eq!(cache.len(), 7, "two of eight dropped, one added");
        assert_eq!((cache.get(&0), cache.get(&1), cache.get(&2)), (None, None, Some(20)));
        assert_eq!(cache.get(&8), Some(80));
        // Replacing a present key never evicts.
        cache.insert(8, 81);
        assert_eq!((cache.len(), cache.get(&8)), (7, Some(81)));
    }

    #[test]
    fn an_expired_entry_is_gone_and_retain_forgets_by_key() {
        let cache: Cache<&str, u32> = Cache::new(4, Some(Duration::from_millis(20)));
        cache.insert("a", 1);
        cache.insert("b", 2);
        assert_eq!(cache.get(&"a"), Some(1));
        cache.retain(|k| *k != "b");
        assert_eq!(cache.get(&"b"), None);
        std::thread::sleep(Duration::from_millis(30));
        assert_eq!(cache.get(&"a"), None);
        assert!(cache.is_empty());
    }
}
