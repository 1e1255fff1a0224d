//! CORS, per audience. API Gateway's API-wide CORS setting cannot tell the dashboard's routes
//! from the public ones, so the functions answer CORS themselves: the dashboard origin(s) on
//! private routes, any origin on public routes, and a preflight function for `OPTIONS`.

use lambda_http::{Body, Request, Response};

/// Who may call a route (drives CORS in the gateway and the template).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The dashboard, with a user's access token.
    Dashboard,
    /// Anyone: the widget on tenants' sites, Meta's webhook calls.
    Public,
    /// CORS preflight: the handler writes its own CORS headers.
    Preflight,
}

use crate::config::Config;

const ALLOW_HEADERS: &str = "authorization, content-type, x-tenant-id, idempotency-key";
const EXPOSE_HEADERS: &str = "retry-after, content-disposition, idempotent-replayed";
const ALLOW_METHODS: &str = "GET, POST, PUT, PATCH, DELETE, OPTIONS";

/// The audience of a path, for preflight requests (which do not name a route).
pub fn audience_of_path(path: &str) -> Audience {
    if path.starts_with("/public/") || path.starts_with("/whatsapp/") || path == "/widget.js" {
        Audience::Public
    } else {
        Audience::Dashboard
    }
}

/// The `Access-Control-Allow-Origin` value for a request, if any.
fn allowed_origin(config: &Config, audience: Audience, origin: Option<&str>) -> Option<String> {
    match audience {
        Audience::Public => Some("*".into()),
        Audience::Preflight => None,
        Audience::Dashboard => {
            let origin = origin?;
            config
                .frontend_url
                .split(',')
                .map(str::trim)
                .any(|o| o.eq_ignore_ascii_case(origin))
                .then(|| origin.to_string())
        }
    }
}

/// Adds CORS headers to a response.
pub fn apply(config: &Config, audience: Audience, origin: Option<&str>, mut resp: Response<Body>) -> Response<Body> {
    if let Some(allow) = allowed_origin(config, audience, origin) {
        let headers = resp.headers_mut();
        // A public handler may already have narrowed it to the one origin a bot allows.
        if !headers.contains_key("access-control-allow-origin") {
            headers.insert("access-control-allow-origin", allow.parse().expect("origin is a valid header"));
        }
        headers.insert("access-control-expose-headers", EXPOSE_HEADERS.parse().expect("static"));
        headers.append("vary", "origin".parse().expect("static"));
    }
    resp
}

/// The answer to an `OPTIONS` preflight.
pub fn preflight(config: &Config, req: &Request) -> Response<Body> {
    let origin = crate::http::header(req, "origin");
    let audience = audience_of_path(req.uri().path());
    let resp = Response::builder()
        .status(204)
        .header("access-control-allow-methods", ALLOW_METHODS)
        .header("access-control-allow-headers", ALLOW_HEADERS)
        .header("access-control-max-age", "600")
        .body(Body::Empty)
        .expect("static headers");
    apply(config, audience, origin, resp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::from_lookup(|k| match k {
            "TABLE_NAME" => Some("t".into()),
            "JWT_SECRET" => Some("x".repeat(40)),
            "FRONTEND_URL" => Some("http://localhost:3000, https://app.svontai.com".into()),
            _ => None,
        })
        .unwrap()
    }

    #[test]
    fn the_dashboard_origin_is_allowed_on_private_routes_and_others_are_not() {
        let c = config();
        assert_eq!(
            allowed_origin(&c, Audience::Dashboard, Some("https://app.svontai.com")).as_deref(),
            Some("https://app.svontai.com")
        );
        assert_eq!(allowed_origin(&c, Audience::Dashboard, Some("https://evil.example")), None);
        assert_eq!(allowed_origin(&c, Audience::Public, Some("https://evil.example")).as_deref(), Some("*"));
    }

    #[test]
    fn public_and_webhook_paths_are_public() {
        assert_eq!(audience_of_path("/public/chat/send"), Audience::Public);
        assert_eq!(audience_of_path("/whatsapp/webhook"), Audience::Public);
        assert_eq!(audience_of_path("/bots"), Audience::Dashboard);
    }
}
