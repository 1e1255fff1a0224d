//! Authentication: password hashing, signed tokens, and the caller of a private request.

pub mod caller;
pub mod password;
pub mod permissions;
pub mod tokens;

pub use caller::{Caller, Role, authenticate};
pub use permissions::RouteName;
