//! Booking calendars: a bot's services, the resources that take appointments (a dentist, a
//! chair) with their weekly hours, closures and booking rules, and the free times computed
//! from them.
//!
//! A calendar belongs to a bot, because a bot is one front desk: a tenant with two branches
//! has two bots, each with its own staff, hours and time zone. Inside, times are epoch minutes
//! ([`Minute`]); civil dates and clock times in the calendar's IANA time zone appear only at
//! the edges (settings, slots shown to people, parsed requests).

pub mod check;
pub mod flow;
pub mod when;

use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use crate::ids::{BotId, ResourceId, ServiceId};

/// Minutes since the Unix epoch.
pub type Minute = i64;

/// The step every start, duration and buffer is a multiple of; bookings hold a resource's time
/// in units of this size, so two bookings that overlap always claim a common unit.
pub const UNIT_MINUTES: i64 = 5;

/// The most a booking holds one resource (duration plus buffer): a move frees the old units
/// and takes the new ones in one DynamoDB transaction (at most 100 writes), so 2 × 48 units
/// and the appointment itself fit.
pub const MAX_HOLD_MINUTES: u32 = 240;

/// The zone a calendar starts in.
pub const DEFAULT_TIME_ZONE: &str = "Europe/Istanbul";

/// A time of day in minutes after midnight, 0..=1440 (`24:00` ends a day), as `HH:MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ClockTime(u16);

impl ClockTime {
    pub fn minutes(self) -> i64 {
        i64::from(self.0)
    }

    pub fn from_minutes(minutes: u16) -> Option<Self> {
        (minutes <= 1440).then_some(Self(minutes))
    }
}

impl TryFrom<String> for ClockTime {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let bad = || "must be a time HH:MM (00:00 to 24:00, on a 5-minute step)".to_string();
        let (h, m) = s.split_once(':').ok_or_else(bad)?;
        if h.len() != 2 || m.len() != 2 {
            return Err(bad());
        }
        let (h, m): (u16, u16) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
        if h > 24 || m > 59 || (h == 24 && m != 0) || m % 5 != 0 {
            return Err(bad());
        }
        Ok(Self(h * 60 + m))
    }
}

impl From<ClockTime> for String {
    fn from(t: ClockTime) -> String {
        format!("{:02}:{:02}", t.0 / 60, t.0 % 60)
    }
}

/// Working time within one day (`from` < `to`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interval {
    pub from: ClockTime,
    pub to: ClockTime,
}

/// Working intervals per weekday; an empty day is a day off. Breaks are gaps between intervals.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeeklyHours {
    pub mon: Vec<Interval>,
    pub tue: Vec<Interval>,
    pub wed: Vec<Interval>,
    pub thu: Vec<Interval>,
    pub fri: Vec<Interval>,
    pub sat: Vec<Interval>,
    pub sun: Vec<Interval>,
}

impl WeeklyHours {
    pub fn day(&self, weekday: Weekday) -> &[Interval] {
        match weekday {
            Weekday::Monday => &self.mon,
            Weekday::Tuesday => &self.tue,
            Weekday::Wednesday => &self.wed,
            Weekday::Thursday => &self.thu,
            Weekday::Friday => &self.fri,
            Weekday::Saturday => &self.sat,
            Weekday::Sunday => &self.sun,
        }
    }

    /// The days with their field names, Monday first (for validation messages).
    pub fn days(&self) -> [(&'static str, &[Interval]); 7] {
        [
            ("mon", &self.mon),
            ("tue", &self.tue),
            ("wed", &self.wed),
            ("thu", &self.thu),
            ("fri", &self.fri),
            ("sat", &self.sat),
            ("sun", &self.sun),
        ]
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Service {
    pub id: ServiceId,
    pub name: String,
    pub duration_minutes: u32,
    pub price_text: Option<String>,
    pub description: String,
    pub active: bool,
    /// The resources that give this service; empty means every resource.
    pub resource_ids: Vec<ResourceId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resource {
    pub id: ResourceId,
    pub name: String,
    pub active: bool,
    pub hours: WeeklyHours,
}

/// Days nobody (or one resource) takes appointments: holidays, leave. Both days included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Closure {
    pub id: String,
    pub from: Date,
    pub to: Date,
    pub resource_id: Option<ResourceId>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Calendar {
    pub bot_id: BotId,
    /// Raised by every save; a save must name the version it read.
    pub version: u64,
    pub time_zone: String,
    pub slot_step_minutes: u32,
    pub buffer_minutes: u32,
    pub min_notice_minutes: u32,
    pub max_days_ahead: u32,
    pub reminder_minutes_before: u32,
    pub reminder_template: Option<String>,
    pub services: Vec<Service>,
    pub resources: Vec<Resource>,
    pub closures: Vec<Closure>,
    pub updated_at: Option<String>,
}

/// Time a resource is already held: `[start, until)`, buffer included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Busy {
    pub resource_id: ResourceId,
    pub start: Minute,
    pub until: Minute,
}

/// Who books: a customer is held to the booking window; the team (optionally for one resource)
/// only to "not in the past".
#[derive(Debug, Clone, Copy)]
pub enum Whose<'a> {
    Customer(Option<&'a ResourceId>),
    Team(Option<&'a ResourceId>),
}

/// A time a service can be booked with one resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreeSlot {
    pub start: Minute,
    pub end: Minute,
    pub resource_id: ResourceId,
    pub resource_name: String,
}

/// A slot as the API shows it: local times with the business's offset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SlotView {
    pub start: String,
    pub end: String,
    pub resource_id: ResourceId,
    pub resource_name: String,
}

impl Calendar {
    /// The calendar of a bot that was never set up: nothing to book yet.
    pub fn empty(bot_id: BotId) -> Self {
        Self {
            bot_id,
            version: 0,
            time_zone: DEFAULT_TIME_ZONE.into(),
            slot_step_minutes: 15,
            buffer_minutes: 0,
            min_notice_minutes: 60,
            max_days_ahead: 60,
            reminder_minutes_before: 1440,
            reminder_template: None,
            services: Vec::new(),
            resources: Vec::new(),
            closures: Vec::new(),
            updated_at: None,
        }
    }

    /// The calendar's zone (saved calendars always name a valid one; UTC otherwise).
    pub fn tz(&self) -> TimeZone {
        TimeZone::get(&self.time_zone).unwrap_or(TimeZone::UTC)
    }

    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }

    pub fn resource(&self, id: &str) -> Option<&Resource> {
        self.resources.iter().find(|r| r.id == id)
    }

    /// The active resources that give `service`, in the calendar's order.
    pub fn resources_for<'a>(&'a self, service: &'a Service) -> impl Iterator<Item = &'a Resource> + 'a {
        self.resources
            .iter()
            .filter(move |r| r.active && (service.resource_ids.is_empty() || service.resource_ids.contains(&r.id)))
    }

    /// How long a booking of `service` holds its resource (duration plus buffer).
    pub fn hold_minutes(&self, service: &Service) -> i64 {
        i64::from(service.duration_minutes + self.buffer_minutes)
    }

    pub fn is_closed(&self, resource: &Resource, date: Date) -> bool {
        self.closures
            .iter()
            .any(|c| c.from <= date && date <= c.to && c.resource_id.as_ref().is_none_or(|id| *id == resource.id))
    }

    /// The resource's working intervals on a local date, as epoch minutes.
    pub fn open_intervals(&self, resource: &Resource, date: Date) -> Vec<(Minute, Minute)> {
        if self.is_closed(resource, date) {
            return Vec::new();
        }
        let tz = self.tz();
        resource
            .hours
            .day(date.weekday())
            .iter()
            .filter_map(|i| {
                Some((local_minute(&tz, date, i.from.minutes())?, local_minute(&tz, date, i.to.minutes())?))
            })
            .filter(|(a, b)| a < b)
            .collect()
    }

    /// Whether `[start, end)` lies within one of the resource's working intervals (on an open day).
    pub fn within_hours(&self, resource: &Resource, start: Minute, end: Minute) -> bool {
        let date = local_date(&self.tz(), start);
        self.open_intervals(resource, date).iter().any(|(a, b)| *a <= start && end <= *b)
    }

    /// Every time `service` can be booked on the local dates `from..=to`: within working hours,
    /// not on a closure, not overlapping what is `busy` (buffers on both sides included), and
    /// for a customer within the booking window (the minimum notice after `now`, at most
    /// `max_days_ahead`), for the team from `now` on. Earliest first; a time two resources can
    /// take appears once for each.
    pub fn free_slots(
        &self,
        service: &Service,
        days: (Date, Date),
        now: Minute,
        busy: &[Busy],
        whose: Whose,
    ) -> Vec<FreeSlot> {
        let (from, to) = days;
        let (only, earliest, to) = match whose {
            Whose::Customer(only) => {
                let last =
                    local_date(&self.tz(), now).checked_add(jiff::Span::new().days(i64::from(self.max_days_ahead)));
                (only, now + i64::from(self.min_notice_minutes), last.map_or(to, |last| last.min(to)))
            }
            Whose::Team(only) => (only, now, to),
        };
        self.slots_between(service, from, to, busy, only, |start| start >= earliest)
    }

    fn slots_between(
        &self,
        service: &Service,
        from: Date,
        to: Date,
        busy: &[Busy],
        only: Option<&ResourceId>,
        allowed: impl Fn(Minute) -> bool,
    ) -> Vec<FreeSlot> {
        let duration = i64::from(service.duration_minutes);
        let hold = self.hold_minutes(service);
        let step = i64::from(self.slot_step_minutes.max(UNIT_MINUTES as u32));
        let mut slots = Vec::new();
        let mut date = from;
        while date <= to {
            for resource in self.resources_for(service).filter(|r| only.is_none_or(|id| *id == r.id)) {
                for (open, close) in self.open_intervals(resource, date) {
                    let mut start = open;
                    while start + duration <= close {
                        if allowed(start) && !overlaps_busy(busy, &resource.id, start, start + hold) {
                            slots.push(FreeSlot {
                                start,
                                end: start + duration,
                                resource_id: resource.id.clone(),
                                resource_name: resource.name.clone(),
                            });
                        }
                        start += step;
                    }
                }
            }
            match date.tomorrow() {
                Ok(next) => date = next,
                Err(_) => break,
            }
        }
        slots.sort_by_key(|s| s.start);
        slots
    }

    /// A slot with local times for the API.
    pub fn view(&self, slot: &FreeSlot) -> SlotView {
        let tz = self.tz();
        SlotView {
            start: local_rfc3339(&tz, slot.start),
            end: local_rfc3339(&tz, slot.end),
            resource_id: slot.resource_id.clone(),
            resource_name: slot.resource_name.clone(),
        }
    }
}

/// Whether `[start, until)` overlaps time the resource already holds.
pub fn overlaps_busy(busy: &[Busy], resource: &ResourceId, start: Minute, until: Minute) -> bool {
    busy.iter().any(|b| b.resource_id == *resource && start < b.until && b.start < until)
}

/// The lock units `[start, until)` covers (both on the unit step).
pub fn units(start: Minute, until: Minute) -> std::ops::Range<i64> {
    start.div_euclid(UNIT_MINUTES)..(until + UNIT_MINUTES - 1).div_euclid(UNIT_MINUTES)
}

/// The epoch minute of a local date and time of day (minutes after midnight, up to 1440) in
/// `tz`; a time skipped by a DST change moves forward, as clocks do.
pub fn local_minute(tz: &TimeZone, date: Date, minute_of_day: i64) -> Option<Minute> {
    let midnight = date.to_datetime(jiff::civil::Time::midnight());
    let at = midnight.checked_add(jiff::Span::new().minutes(minute_of_day)).ok()?;
    Some(at.to_zoned_datetime(tz.clone()).ok()?.timestamp().as_second().div_euclid(60))
}

/// The local date an epoch minute falls on in `tz`.
pub fn local_date(tz: &TimeZone, minute: Minute) -> Date {
    timestamp(minute).to_zoned_datetime(tz.clone()).date()
}

fn timestamp(minute: Minute) -> jiff::Timestamp {
    jiff::Timestamp::from_second(minute.saturating_mul(60)).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

/// RFC 3339 with the zone's offset at that moment: `2026-12-01T09:00:00+03:00`.
pub fn local_rfc3339(tz: &TimeZone, minute: Minute) -> String {
    timestamp(minute).to_zoned_datetime(tz.clone()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// The current epoch minute.
pub fn now_minute() -> Minute {
    jiff::Timestamp::now().as_second().div_euclid(60)
}

/// Reads a start time: an RFC 3339 instant (`…Z`, `…+03:00`) or a local date-time in `tz`
/// (`2026-12-01T09:00`). Seconds must be zero.
pub fn parse_start(raw: &str, tz: &TimeZone) -> Option<Minute> {
    let raw = raw.trim();
    if raw.len() > 40 {
        return None;
    }
    let seconds = match raw.parse::<jiff::Timestamp>() {
        Ok(ts) => ts.as_second(),
        Err(_) => {
            let dt = raw.parse::<jiff::civil::DateTime>().ok()?;
            dt.to_zoned_datetime(tz.clone()).ok()?.timestamp().as_second()
        }
    };
    (seconds.rem_euclid(60) == 0).then(|| seconds.div_euclid(60))
}

#[cfg(test)]
mod tests;
