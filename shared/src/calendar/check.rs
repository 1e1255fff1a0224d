//! A calendar as the dashboard sends it, checked field by field into a [`Calendar`].

use jiff::civil::Date;
use serde::Deserialize;

use super::{Calendar, Closure, Interval, MAX_HOLD_MINUTES, Resource, Service, WeeklyHours};
use crate::domain::Checks;
use crate::ids::{BotId, ResourceId, ServiceId, is_id, new_id};

pub const MAX_SERVICES: usize = 50;
pub const MAX_RESOURCES: usize = 20;
pub const MAX_CLOSURES: usize = 200;
pub const MAX_INTERVALS_PER_DAY: usize = 6;
pub const SLOT_STEPS: [u32; 6] = [5, 10, 15, 20, 30, 60];

fn fifteen() -> u32 {
    15
}
fn sixty() -> u32 {
    60
}
fn a_day() -> u32 {
    1440
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarInput {
    pub version: u64,
    pub time_zone: String,
    #[serde(default = "fifteen")]
    pub slot_step_minutes: u32,
    #[serde(default)]
    pub buffer_minutes: u32,
    #[serde(default = "sixty")]
    pub min_notice_minutes: u32,
    #[serde(default = "sixty")]
    pub max_days_ahead: u32,
    #[serde(default = "a_day")]
    pub reminder_minutes_before: u32,
    #[serde(default)]
    pub reminder_template: Option<String>,
    pub services: Vec<ServiceInput>,
    pub resources: Vec<ResourceInput>,
    pub closures: Vec<ClosureInput>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceInput {
    #[serde(default)]
    pub id: Option<String>,
    pub name: String,
    pub duration_minutes: u32,
    #[serde(default)]
    pub price_text: Option<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default = "crate::store::yes")]
    pub active: bool,
    #[serde(default)]
    pub resource_ids: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceInput {
    #[serde(default)]
    pub id: Option<String>,
    pub name: String,
    #[serde(default = "crate::store::yes")]
    pub active: bool,
    pub hours: WeeklyHours,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClosureInput {
    #[serde(default)]
    pub id: Option<String>,
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub resource_id: Option<String>,
    #[serde(default)]
    pub note: String,
}

/// An entry's id: the one given (a well-formed id, once in its list) or a new one.
fn entry_id(checks: &mut Checks, field: &str, given: Option<&str>, seen: &mut Vec<String>) -> String {
    let id = match given {
        Some(id) if is_id(id) => id.to_string(),
        Some(_) => {
            checks.fail(field, "invalid_format", "must be an id this calendar gave");
            return new_id();
        }
        None => new_id(),
    };
    if seen.contains(&id) {
        checks.fail(field, "duplicate", "is used by another entry");
    }
    seen.push(id.clone());
    id
}

fn date(checks: &mut Checks, field: &str, raw: &str) -> Option<Date> {
    let parsed = (raw.len() == 10).then(|| raw.parse::<Date>().ok()).flatten();
    if parsed.is_none() {
        checks.fail(field, "invalid_format", "must be a date YYYY-MM-DD");
    }
    parsed
}

fn check_hours(checks: &mut Checks, field: &str, hours: &WeeklyHours) {
    for (day, intervals) in hours.days() {
        if intervals.len() > MAX_INTERVALS_PER_DAY {
            checks.fail(
                &format!("{field}.{day}"),
                "too_many",
                format!("at most {MAX_INTERVALS_PER_DAY} intervals a day"),
            );
            continue;
        }
        let mut sorted: Vec<(usize, &Interval)> = intervals.iter().enumerate().collect();
        sorted.sort_by_key(|(_, i)| i.from);
        let mut previous_end = None;
        for (index, interval) in sorted {
            if interval.to <= interval.from {
                checks.fail(&format!("{field}.{day}[{index}].to"), "before_start", "must be after from");
            } else if previous_end.is_some_and(|end| interval.from < end) {
                checks.fail(
                    &format!("{field}.{day}[{index}].from"),
                    "overlaps",
                    "overlaps another interval of the day",
                );
            }
            previous_end = previous_end.max(Some(interval.to));
        }
    }
}

impl CalendarInput {
    /// The checked calendar (`version` is the one it replaces; the store raises it), or every
    /// invalid field.
    pub fn check(self, bot_id: BotId) -> Result<Calendar, crate::error::ApiError> {
        let mut checks = Checks::new();
        let time_zone = self.time_zone.trim().to_string();
        if time_zone.len() > 64 || jiff::tz::TimeZone::get(&time_zone).is_err() {
            checks.fail("time_zone", "invalid_choice", "must be an IANA time zone name such as Europe/Istanbul");
        }
        if !SLOT_STEPS.contains(&self.slot_step_minutes) {
            checks.fail("slot_step_minutes", "invalid_choice", "must be one of 5, 10, 15, 20, 30, 60");
        }
        if self.buffer_minutes > 120 || !self.buffer_minutes.is_multiple_of(5) {
            checks.fail("buffer_minutes", "out_of_range", "must be 0 to 120, in steps of 5");
        }
        if self.min_notice_minutes > 10_080 {
            checks.fail("min_notice_minutes", "out_of_range", "must be at most 10080 (a week)");
        }
        if !(1..=365).contains(&self.max_days_ahead) {
            checks.fail("max_days_ahead", "out_of_range", "must be 1 to 365");
        }
        if self.reminder_minutes_before > 10_080 {
            checks.fail("reminder_minutes_before", "out_of_range", "must be at most 10080 (a week)");
        }
        let reminder_template =
            checks.optional_text("reminder_template", self.reminder_template.as_deref(), 512).filter(|t| !t.is_empty());
        for (field, len, max) in [
            ("services", self.services.len(), MAX_SERVICES),
            ("resources", self.resources.len(), MAX_RESOURCES),
            ("closures", self.closures.len(), MAX_CLOSURES),
        ] {
            if len > max {
                checks.fail(field, "too_many", format!("at most {max}"));
            }
        }
        if !checks.is_ok() {
            return Err(checks.finish().expect_err("checks failed"));
        }

        let mut seen = Vec::new();
        let resources: Vec<Resource> = self
            .resources
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let field = format!("resources[{i}]");
                let id = entry_id(&mut checks, &format!("{field}.id"), r.id.as_deref(), &mut seen);
                check_hours(&mut checks, &format!("{field}.hours"), &r.hours);
                Resource {
                    id: ResourceId::from(id),
                    name: checks.name(&format!("{field}.name"), &r.name, 80),
                    active: r.active,
                    hours: r.hours,
                }
            })
            .collect();
        let known = |id: &str| resources.iter().any(|r| r.id == id);

        let mut seen = Vec::new();
        let services: Vec<Service> = self
            .services
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                let field = format!("services[{i}]");
                let id = entry_id(&mut checks, &format!("{field}.id"), s.id.as_deref(), &mut seen);
                if !(5..=MAX_HOLD_MINUTES).contains(&s.duration_minutes) || !s.duration_minutes.is_multiple_of(5) {
                    checks.fail(
                        &format!("{field}.duration_minutes"),
                        "out_of_range",
                        format!("must be 5 to {MAX_HOLD_MINUTES} minutes, in steps of 5"),
                    );
                } else if s.duration_minutes + self.buffer_minutes > MAX_HOLD_MINUTES {
                    checks.fail(
                        &format!("{field}.duration_minutes"),
                        "out_of_range",
                        format!("with the buffer, must be at most {MAX_HOLD_MINUTES} minutes"),
                    );
                }
                for (j, rid) in s.resource_ids.iter().enumerate() {
                    if !known(rid) {
                        checks.fail(
                            &format!("{field}.resource_ids[{j}]"),
                            "unknown_resource",
                            "is not a resource of this calendar",
                        );
                    }
                }
                let mut resource_ids: Vec<ResourceId> = s.resource_ids.into_iter().map(ResourceId::from).collect();
                resource_ids.dedup();
                Service {
                    id: ServiceId::from(id),
                    name: checks.name(&format!("{field}.name"), &s.name, 80),
                    duration_minutes: s.duration_minutes,
                    price_text: checks
                        .optional_text(&format!("{field}.price_text"), s.price_text.as_deref(), 40)
                        .filter(|p| !p.is_empty()),
                    description: checks.text(&format!("{field}.description"), &s.description, 0, 500),
                    active: s.active,
                    resource_ids,
                }
            })
            .collect();

        let mut seen = Vec::new();
        let closures: Vec<Closure> = self
            .closures
            .into_iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let field = format!("closures[{i}]");
                let id = entry_id(&mut checks, &format!("{field}.id"), c.id.as_deref(), &mut seen);
                if let Some(rid) = &c.resource_id
                    && !known(rid)
                {
                    checks.fail(
                        &format!("{field}.resource_id"),
                        "unknown_resource",
                        "is not a resource of this calendar",
                    );
                }
                let note = checks.text(&format!("{field}.note"), &c.note, 0, 200);
                let from = date(&mut checks, &format!("{field}.from"), &c.from);
                let to = date(&mut checks, &format!("{field}.to"), &c.to);
                let (from, to) = (from?, to?);
                if to < from {
                    checks.fail(&format!("{field}.to"), "before_start", "must not be before from");
                } else if (to - from).get_days() > 366 {
                    checks.fail(&format!("{field}.to"), "out_of_range", "a closure lasts at most 366 days");
                }
                Some(Closure { id, from, to, resource_id: c.resource_id.map(ResourceId::from), note })
            })
            .collect();

        checks.finish()?;
        Ok(Calendar {
            bot_id,
            version: self.version,
            time_zone,
            slot_step_minutes: self.slot_step_minutes,
            buffer_minutes: self.buffer_minutes,
            min_notice_minutes: self.min_notice_minutes,
            max_days_ahead: self.max_days_ahead,
            reminder_minutes_before: self.reminder_minutes_before,
            reminder_template,
            services,
            resources,
            closures,
            updated_at: Some(crate::ids::now_rfc3339()),
        })
    }
}
