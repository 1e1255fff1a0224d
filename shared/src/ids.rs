//! Identifiers and clocks. Ids are lowercase ULIDs: unique, unguessable enough for
//! URLs (80 random bits) and sortable by creation time, which the table's sort keys rely on.

use rand::RngCore;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// A new lowercase ULID, strictly increasing within this process (a bot's reply written in
/// the same millisecond as the message it answers still sorts after it).
pub fn new_id() -> String {
    static GENERATOR: std::sync::Mutex<Option<ulid::Generator>> = std::sync::Mutex::new(None);
    let mut generator = GENERATOR.lock().unwrap_or_else(|e| e.into_inner());
    let id = generator.get_or_insert_with(ulid::Generator::new).generate().unwrap_or_else(|_| ulid::Ulid::new());
    id.to_string().to_lowercase()
}

/// `n` bytes from the OS random generator, base64url without padding.
pub fn random_token(bytes: usize) -> String {
    use base64::Engine;
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}

/// Whether `s` looks like an id this crate issued (used to answer 404 early for junk ids).
pub fn is_id(s: &str) -> bool {
    s.len() == 26 && s.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
}

pub fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

/// Current time as RFC 3339 with second precision, the format stored and returned everywhere.
pub fn now_rfc3339() -> String {
    rfc3339(now())
}

pub fn rfc3339(t: OffsetDateTime) -> String {
    t.replace_nanosecond(0).unwrap_or(t).format(&Rfc3339).unwrap_or_default()
}

pub fn epoch_secs() -> i64 {
    now().unix_timestamp()
}

pub fn epoch_millis() -> i64 {
    (now().unix_timestamp_nanos() / 1_000_000) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_ids_are_lowercase_ulids_that_sort_by_creation_even_within_a_millisecond() {
        let ids: Vec<String> = (0..1000).map(|_| new_id()).collect();
        assert!(ids.iter().all(|id| is_id(id)));
        assert!(ids.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn random_tokens_carry_the_requested_entropy() {
        let t = random_token(16);
        assert_eq!(t.len(), 22);
        assert_ne!(t, random_token(16));
    }

    #[test]
    fn timestamps_are_rfc3339_utc_seconds() {
        let s = now_rfc3339();
        assert!(s.ends_with('Z'), "{s}");
        assert_eq!(s.len(), 20);
    }
}

/// What every string newtype here and in `domain` has: read as a `str`, shown as itself,
/// compared with strings, and turned back into a `String`.
macro_rules! string_newtype {
    ($name:ident) => {
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}
pub(crate) use string_newtype;

/// An identifier kind of its own: stored and sent as a plain string, but a `TenantId` can
/// never be passed where a `BotId` is expected (keys.rs and the store take these):
///
/// ```
/// let (tenant, bot) = (shared::ids::TenantId::from("t1"), shared::ids::BotId::from("b1"));
/// assert_eq!(shared::keys::bot(&tenant, &bot), ("T#t1".to_string(), "BOT#b1".to_string()));
/// assert_eq!(serde_json::to_string(&tenant).unwrap(), "\"t1\"");
/// ```
///
/// ```compile_fail
/// let (tenant, bot) = (shared::ids::TenantId::from("t1"), shared::ids::BotId::from("b1"));
/// shared::keys::bot(&bot, &tenant); // swapped: does not compile
/// ```
macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        string_newtype!($name);

        impl $name {
            /// A fresh id (a lowercase ULID).
            pub fn generate() -> Self {
                Self(new_id())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                Self(s)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_string())
            }
        }

        impl From<&$name> for $name {
            fn from(id: &$name) -> Self {
                id.clone()
            }
        }

        impl From<&$name> for String {
            fn from(id: &$name) -> String {
                id.0.clone()
            }
        }

        impl PartialEq<&$name> for $name {
            fn eq(&self, other: &&$name) -> bool {
                self == *other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }
    };
}

id_type!(
    /// A business (a tenant): every item it owns has a key starting with `T#{tenant_id}`.
    TenantId
);
id_type!(
    /// One of a tenant's bots.
    BotId
);
id_type!(
    /// A conversation (one customer or visitor with one bot).
    ConversationId
);
id_type!(
    /// A WhatsApp message id, as Meta gives it (`wamid.…`).
    Wamid
);
id_type!(
    /// A message of a conversation (a ULID: messages sort by it).
    MessageId
);
id_type!(
    /// A lead (a ULID: leads sort newest first by it).
    LeadId
);
id_type!(
    /// A dashboard user.
    UserId
);
id_type!(
    /// An item of a bot's knowledge base.
    ItemId
);
id_type!(
    /// An appointment (a ULID).
    AppointmentId
);
id_type!(
    /// A service of a bot's calendar (what a customer books: "Diş temizliği").
    ServiceId
);
id_type!(
    /// A resource of a bot's calendar (who or what takes an appointment: a dentist, a chair).
    ResourceId
);
